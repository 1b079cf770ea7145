package io.sentinel.wifi.capture;

/** The file is not a capture this reader understands (bad magic, unsupported version or layout). */
public final class CaptureFormatException extends Exception {
    public CaptureFormatException(String message) {
        super(message);
    }
}
