package io.sentinel.sensor.capture;

/** libpcap refused an operation; the message carries libpcap's own explanation. */
public final class PcapException extends Exception {
    private final int status;

    public PcapException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** libpcap's status code (negative errors such as -8 permission denied), or 0. */
    public int status() { return status; }
}
