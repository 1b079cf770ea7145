package io.sentinel.testkit;

import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.capture.PcapWriter;
import io.sentinel.wifi.radio.Channels;
import io.sentinel.wifi.radio.RadiotapBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The air around a sensor, being scripted: frames with their capture time, channel and signal,
 * written in time order as a radiotap pcap. Scenarios add frames in any order; sequence numbers
 * per transmitter are handed out here so that every device counts like a real one.
 */
public final class Air {

    /** 2026-01-15T09:00:00Z, the capture start of every scenario and of the sample capture. */
    public static final long START = 1_768_467_600L * 1_000_000_000L;

    /** One frame as the sensor would capture it. */
    public record Transmission(long timeNanos, int channel, int signalDbm, boolean badFcs, byte[] frame, long order) {}

    private final List<Transmission> frames = new ArrayList<>();
    private final Map<Long, Integer> seq = new HashMap<>();
    private long order;

    /** Adds a frame heard at {@code timeNanos} on {@code channel} with {@code signalDbm}. */
    public Air add(long timeNanos, int channel, int signalDbm, byte[] frame) {
        frames.add(new Transmission(timeNanos, channel, signalDbm, false, frame, order++));
        return this;
    }

    /** Adds a frame whose FCS the radio found bad (the frame must carry its FCS). */
    public Air addCorrupted(long timeNanos, int channel, int signalDbm, byte[] frameWithFcs) {
        frames.add(new Transmission(timeNanos, channel, signalDbm, true, frameWithFcs, order++));
        return this;
    }

    /**
     * Interference: frames already scripted on {@code channel} between {@code from} and {@code to}
     * arrive corrupted with probability {@code share} (a bad FCS appended, flagged by the radio).
     */
    public Air corrupt(int channel, long from, long to, double share, java.util.Random r) {
        for (int i = 0; i < frames.size(); i++) {
            Transmission t = frames.get(i);
            if (t.channel() != channel || t.timeNanos() < from || t.timeNanos() >= to || t.badFcs() || r.nextDouble() >= share) continue;
            byte[] f = java.util.Arrays.copyOf(t.frame(), t.frame().length + 4);
            for (int k = 0; k < 4; k++) f[f.length - 4 + k] = (byte) r.nextInt(256);
            frames.set(i, new Transmission(t.timeNanos(), t.channel(), t.signalDbm(), true, f, t.order()));
        }
        return this;
    }

    /** The next 12-bit sequence number of a transmitter. */
    public int nextSeq(long transmitter) {
        int s = seq.merge(transmitter, 1, (a, b) -> (a + b) & 0xFFF);
        return s;
    }

    public int size() { return frames.size(); }

    /** The frames sorted by capture time (ties keep the order they were added in). */
    public List<Transmission> sorted() {
        List<Transmission> l = new ArrayList<>(frames);
        l.sort(Comparator.comparingLong(Transmission::timeNanos).thenComparingLong(Transmission::order));
        return l;
    }

    /** The centre frequency of a 2.4 or 5 GHz {@code channel} ({@link Channels#guessFrequency}). */
    public static int frequency(int channel) {
        int mhz = Channels.guessFrequency(channel);
        if (mhz < 0) throw new IllegalArgumentException("not a 2.4 or 5 GHz channel: " + channel);
        return mhz;
    }

    /** The radiotap header + frame bytes of one transmission. */
    public static byte[] radiotapRecord(Transmission t) {
        RadiotapBuilder rb = new RadiotapBuilder().flags(t.badFcs() ? 0x50 : 0x00).channel(frequency(t.channel()))
                .antennaSignal(t.signalDbm());
        return rb.wrap(t.frame());
    }

    /** Writes the capture as a microsecond pcap with radiotap link type. */
    public void writePcap(OutputStream out) throws IOException {
        PcapWriter w = PcapWriter.create(out, FrameDecoder.LINKTYPE_IEEE802_11_RADIOTAP);
        for (Transmission t : sorted()) w.write(t.timeNanos(), radiotapRecord(t));
        w.flush();
    }

    public void writePcap(Path path) throws IOException {
        try (OutputStream o = Files.newOutputStream(path)) {
            writePcap(o);
        }
    }

    public byte[] toPcap() {
        ByteArrayOutputStream b = new ByteArrayOutputStream(frames.size() * 128);
        try {
            writePcap(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }
}
