package io.sentinel.sensor.capture;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.sentinel.wifi.capture.MutableCaptureRecord;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * One open libpcap handle ({@code pcap_t *}): a live interface, a savefile or a "dead" handle
 * used only to compile filters. Packets are read with {@link #next()} into a reused
 * {@link MutableCaptureRecord} whose segment points straight at libpcap's buffer (no copy):
 * it stays valid until the next call to {@code next()}, which is how the pipeline uses it (the
 * frame is decoded, inspected and aggregated before the next packet is read).
 *
 * <p>Not thread-safe, except {@link #breakLoop()} which may be called from any thread.
 */
public final class PcapHandle implements AutoCloseable {

    /** {@link #next()} results. */
    public static final int PACKET = 1, TIMEOUT = 0, END = -2, ERROR = -1;

    private final Libpcap pcap;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment handle;
    private final MemorySegment headerPtr;
    private final MemorySegment dataPtr;
    private final MemorySegment statBuf;
    private final MutableCaptureRecord record = new MutableCaptureRecord();
    private final String source;
    private int linkType;
    private boolean nanos;
    private long count;
    private boolean closed;

    private PcapHandle(Libpcap pcap, MemorySegment handle, String source) {
        this.pcap = pcap;
        this.handle = handle;
        this.source = source;
        this.headerPtr = arena.allocate(ADDRESS);
        this.dataPtr = arena.allocate(ADDRESS);
        this.statBuf = arena.allocate(64);
    }

    /** Opens a capture file through libpcap ({@code pcap_open_offline}), asking for nanosecond timestamps. */
    public static PcapHandle openOffline(Path file) throws PcapException {
        Libpcap pcap = Libpcap.load();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = a.allocate(Libpcap.ERRBUF_SIZE);
            MemorySegment h = (MemorySegment) pcap.openOfflineWithPrecision.invokeExact(
                    a.allocateFrom(file.toString()), Libpcap.TSTAMP_PRECISION_NANO, err);
            if (h.equals(MemorySegment.NULL)) throw new PcapException(file + ": " + err.getString(0), -1);
            PcapHandle p = new PcapHandle(pcap, h, file.toString());
            p.nanos = true;
            p.linkType = p.datalink();
            return p;
        } catch (PcapException e) {
            throw e;
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        }
    }

    /** A handle that captures nothing, for compiling filters for a link type ({@code pcap_open_dead}). */
    public static PcapHandle openDead(int linkType, int snaplen) {
        Libpcap pcap = Libpcap.load();
        try {
            MemorySegment h = (MemorySegment) pcap.openDead.invokeExact(linkType, snaplen);
            if (h.equals(MemorySegment.NULL)) throw new IllegalStateException("pcap_open_dead failed");
            PcapHandle p = new PcapHandle(pcap, h, "dead:" + linkType);
            p.linkType = linkType;
            return p;
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        }
    }

    /**
     * Opens a live interface ({@code pcap_create} + options + {@code pcap_activate}).
     * Warnings of pcap_activate (e.g. promiscuous mode not supported) are tolerated.
     */
    public static PcapHandle openLive(LiveOptions o) throws PcapException {
        Libpcap pcap = Libpcap.load();
        MemorySegment h;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = a.allocate(Libpcap.ERRBUF_SIZE);
            h = (MemorySegment) pcap.create.invokeExact(a.allocateFrom(o.iface()), err);
            if (h.equals(MemorySegment.NULL)) throw new PcapException(o.iface() + ": " + err.getString(0), -1);
        } catch (PcapException e) {
            throw e;
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        }
        PcapHandle p = new PcapHandle(pcap, h, o.iface());
        try {
            p.check("pcap_set_snaplen", p.call(pcap.setSnaplen, o.snaplen()));
            p.check("pcap_set_promisc", p.call(pcap.setPromisc, o.promiscuous() ? 1 : 0));
            if (o.rfmon()) p.check("pcap_set_rfmon", p.call(pcap.setRfmon, 1));
            p.check("pcap_set_timeout", p.call(pcap.setTimeout, o.timeoutMillis()));
            p.check("pcap_set_immediate_mode", p.call(pcap.setImmediateMode, o.immediate() ? 1 : 0));
            p.check("pcap_set_buffer_size", p.call(pcap.setBufferSize, o.bufferBytes()));
            p.nanos = p.call(pcap.setTstampPrecision, Libpcap.TSTAMP_PRECISION_NANO) == 0;
            int status = (int) pcap.activate.invokeExact(h);
            if (status < 0) {
                String detail = p.lastError();
                throw new PcapException(o.iface() + ": " + pcap.statusText(status) + (detail.isEmpty() ? "" : " (" + detail + ")")
                        + hint(status), status);
            }
            p.linkType = p.datalink();
            return p;
        } catch (PcapException e) {
            p.close();
            throw e;
        } catch (Throwable t) {
            p.close();
            throw Libpcap.rethrow(t);
        }
    }

    private static String hint(int status) {
        return switch (status) {
            case -8, -11 -> "; run as root or grant CAP_NET_RAW and CAP_NET_ADMIN";
            case -6 -> "; this adapter or driver cannot do monitor mode";
            case -5 -> "; no such interface (see `ip link`)";
            case -9 -> "; bring the interface up first";
            default -> "";
        };
    }

    private int call(java.lang.invoke.MethodHandle mh, int arg) throws Throwable {
        return (int) mh.invokeExact(handle, arg);
    }

    private void check(String what, int status) throws PcapException {
        if (status != 0) throw new PcapException(source + ": " + what + " failed: " + pcap.statusText(status), status);
    }

    /** The link type ({@code pcap_datalink}): 127 radiotap in monitor mode, 1 Ethernet, ... */
    public int datalink() {
        try {
            return (int) pcap.datalink.invokeExact(handle);
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        }
    }

    /** Asks for another link type ({@code pcap_set_datalink}), e.g. 127 when the driver offers both 105 and 127. */
    public boolean setDatalink(int dlt) {
        try {
            boolean ok = (int) pcap.setDatalink.invokeExact(handle, dlt) == 0;
            if (ok) linkType = datalink();
            return ok;
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        }
    }

    /** Compiles a BPF filter expression and installs it ({@code pcap_compile}, {@code pcap_setfilter}, {@code pcap_freecode}). */
    public void setFilter(String expression) throws PcapException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment prog = a.allocate(16, 8);
            int rc = (int) pcap.compile.invokeExact(handle, prog, a.allocateFrom(expression), 1, Libpcap.NETMASK_UNKNOWN);
            if (rc != 0) throw new PcapException("bad capture filter \"" + expression + "\": " + lastError(), rc);
            try {
                rc = (int) pcap.setFilter.invokeExact(handle, prog);
                if (rc != 0) throw new PcapException("cannot install filter: " + lastError(), rc);
            } finally {
                pcap.freeCode.invokeExact(prog);
            }
        } catch (PcapException e) {
            throw e;
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        }
    }

    /** Compiles a filter without installing it and returns its number of BPF instructions. */
    public int compileOnly(String expression) throws PcapException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment prog = a.allocate(16, 8);
            int rc = (int) pcap.compile.invokeExact(handle, prog, a.allocateFrom(expression), 1, Libpcap.NETMASK_UNKNOWN);
            if (rc != 0) throw new PcapException("bad capture filter \"" + expression + "\": " + lastError(), rc);
            int n = prog.get(JAVA_INT, 0);
            pcap.freeCode.invokeExact(prog);
            return n;
        } catch (PcapException e) {
            throw e;
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        }
    }

    /**
     * Reads the next packet ({@code pcap_next_ex}): {@link #PACKET} with {@link #record()} filled,
     * {@link #TIMEOUT} when the live read timeout expired without a packet, {@link #END} at the
     * end of a savefile or after {@link #breakLoop()}, {@link #ERROR} with {@link #lastError()}.
     */
    public int next() {
        int rc;
        try {
            rc = (int) pcap.nextEx.invokeExact(handle, headerPtr, dataPtr);
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        }
        if (rc != 1) return rc == 0 ? TIMEOUT : rc == -2 ? END : ERROR;
        MemorySegment hdr = headerPtr.get(ADDRESS, 0).reinterpret(24);
        long sec = hdr.get(JAVA_LONG, 0);
        long frac = hdr.get(JAVA_LONG, 8);
        int caplen = hdr.get(JAVA_INT, 16);
        int len = hdr.get(JAVA_INT, 20);
        MemorySegment data = dataPtr.get(ADDRESS, 0).reinterpret(Integer.toUnsignedLong(caplen));
        long ts = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
        record.set(++count, ts, linkType, 0, data, 0, caplen, len, -1);
        record.timestampDigits(nanos ? 9 : 6);
        return PACKET;
    }

    /** The packet read by the last successful {@link #next()}; valid until the next call. */
    public MutableCaptureRecord record() { return record; }

    /** Kernel counters ({@code pcap_stats}); live handles only. */
    public CaptureStats stats() throws PcapException {
        try {
            int rc = (int) pcap.stats.invokeExact(handle, statBuf);
            if (rc != 0) throw new PcapException("pcap_stats: " + lastError(), rc);
            return new CaptureStats(Integer.toUnsignedLong(statBuf.get(JAVA_INT, 0)),
                    Integer.toUnsignedLong(statBuf.get(JAVA_INT, 4)), Integer.toUnsignedLong(statBuf.get(JAVA_INT, 8)));
        } catch (PcapException e) {
            throw e;
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        }
    }

    /** Kernel capture counters: packets received, dropped by the kernel buffer, dropped by the interface. */
    public record CaptureStats(long received, long dropped, long interfaceDropped) {}

    /** Makes a blocked read return soon ({@code pcap_breakloop}); safe from another thread. */
    public synchronized void breakLoop() {
        try {
            if (!closed) pcap.breakLoop.invokeExact(handle);
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        }
    }

    /** {@code pcap_geterr} text. */
    public String lastError() {
        try {
            return Libpcap.cString((MemorySegment) pcap.getErr.invokeExact(handle));
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        }
    }

    public int linkType() { return linkType; }

    public long packetsRead() { return count; }

    public String source() { return source; }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            pcap.close.invokeExact(handle);
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        } finally {
            arena.close();
        }
    }
}
