package io.sentinel.sensor.radio;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a wireless interface into monitor mode with {@code ip} and {@code iw} and puts it back
 * the way it was: {@code ip link set IF down}, {@code iw dev IF set type monitor},
 * {@code ip link set IF up}; {@link #restore()} sets the original type ({@code managed}
 * usually) the same way. An interface already in monitor mode is left alone and not touched on
 * restore. The runtime calls {@link #restore()} from a shutdown hook, so Ctrl-C or a systemd
 * stop leaves the adapter usable.
 */
public final class MonitorMode implements AutoCloseable {
    private static final Pattern TYPE = Pattern.compile("(?m)^\\s*type\\s+(\\S+)");

    private final String iface;
    private final CommandRunner runner;
    private final String originalType;
    private boolean changed;

    private MonitorMode(String iface, CommandRunner runner, String originalType) {
        this.iface = iface;
        this.runner = runner;
        this.originalType = originalType;
    }

    /** Switches {@code iface} to monitor mode if it is not already. */
    public static MonitorMode enable(String iface, CommandRunner runner) throws IOException {
        CommandRunner.Result info = runner.run(List.of("iw", "dev", iface, "info"));
        if (!info.ok()) throw new IOException("iw dev " + iface + " info failed: " + info.output()
                + " (is it a wireless interface? see `iw dev`)");
        Matcher m = TYPE.matcher(info.output());
        String type = m.find() ? m.group(1) : "managed";
        MonitorMode mm = new MonitorMode(iface, runner, type);
        if (!"monitor".equals(type)) {
            mm.setType("monitor");
            mm.changed = true;
        }
        return mm;
    }

    private void setType(String type) throws IOException {
        must(List.of("ip", "link", "set", iface, "down"));
        try {
            must(List.of("iw", "dev", iface, "set", "type", type));
        } finally {
            must(List.of("ip", "link", "set", iface, "up"));
        }
    }

    private void must(List<String> argv) throws IOException {
        CommandRunner.Result r = runner.run(argv);
        if (!r.ok()) throw new IOException(String.join(" ", argv) + " failed (" + r.exitCode() + "): " + r.output());
    }

    /** The interface type before {@link #enable} ({@code managed}, {@code monitor}, ...). */
    public String originalType() { return originalType; }

    /** Whether {@link #enable} changed the interface (and {@link #restore()} will change it back). */
    public boolean changed() { return changed; }

    /** Puts the original type back; idempotent. */
    public synchronized void restore() throws IOException {
        if (!changed) return;
        changed = false;
        setType(originalType);
    }

    @Override
    public void close() throws IOException {
        restore();
    }
}
