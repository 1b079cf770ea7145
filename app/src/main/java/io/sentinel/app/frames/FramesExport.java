package io.sentinel.app.frames;

import io.sentinel.app.cli.ProgressBar;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.capture.CaptureFormatException;
import io.sentinel.wifi.capture.CaptureReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** The work of {@code sentinel frames}: stream a capture through the decoder into JSON Lines. */
public final class FramesExport {
    private FramesExport() {}

    /** What the run saw. */
    public record Summary(long records, long malformed, long unsupported, String endProblem, boolean truncatedTail) {}

    /** The input cannot be used at all (missing, not a capture, no 802.11 link type): exit 2. */
    public static final class BadInputException extends Exception {
        public BadInputException(String message) {
            super(message);
        }
    }

    /** Opens a capture or explains in one line why it cannot be read. */
    public static CaptureReader open(Path file) throws BadInputException {
        CaptureReader reader;
        try {
            reader = CaptureReader.open(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new BadInputException(file + ": permission denied");
        } catch (IOException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        } catch (CaptureFormatException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
        int[] types = reader.declaredLinkTypes();
        if (types.length > 0 && Arrays.stream(types).noneMatch(FrameDecoder::supports)) {
            reader.close();
            throw new BadInputException(file + ": unsupported link type " + types[0]
                    + " (802.11 captures have link type 105, 127 radiotap, 192 PPI, 119 Prism or 163 AVS)");
        }
        return reader;
    }

    /** Decodes every record of {@code file} to {@code out} (not closed) as JSON Lines. */
    public static Summary run(Path file, OutputStream out, ProgressBar progress) throws BadInputException, IOException {
        try (CaptureReader reader = open(file)) {
            return run(reader, out, progress);
        }
    }

    public static Summary run(CaptureReader reader, OutputStream out, ProgressBar progress) throws IOException {
        FrameDecoder decoder = new FrameDecoder();
        JsonLineWriter json = new JsonLineWriter(out);
        long records = 0, malformed = 0, unsupported = 0;
        progress.start(reader.size());
        while (reader.next()) {
            Frame f = decoder.decode(reader.record());
            FrameJson.write(f, reader.timestampDigits(), json);
            records++;
            if (!f.supportedLinkType()) unsupported++;
            else if (f.malformed() != null) malformed++;
            progress.update(reader.position(), records);
        }
        json.flush();
        progress.close();
        return new Summary(records, malformed, unsupported, reader.endProblem(), reader.truncatedTail());
    }
}
