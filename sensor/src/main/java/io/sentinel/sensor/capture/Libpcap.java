package io.sentinel.sensor.capture;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The libpcap functions the sensor needs, bound through the JDK's Foreign Function and Memory
 * API (no JNA, no native code of ours). The library is looked up as {@code libpcap.so.1},
 * {@code libpcap.so.0.8} (Debian's name) or {@code libpcap.so}; {@link #load()} fails with a
 * message naming the package to install when none is found.
 *
 * <p>Structures (LP64 Linux): {@code struct pcap_pkthdr} = timeval (two longs) + caplen + len,
 * 24 bytes; {@code struct pcap_stat} = recv, drop, ifdrop as unsigned ints; {@code struct
 * bpf_program} = length + pointer, 16 bytes.
 */
public final class Libpcap {

    public static final int ERRBUF_SIZE = 256;
    /** {@code PCAP_NETMASK_UNKNOWN} for pcap_compile. */
    public static final int NETMASK_UNKNOWN = 0xFFFF_FFFF;
    public static final int TSTAMP_PRECISION_NANO = 1;

    private static final String[] NAMES = {"libpcap.so.1", "libpcap.so.0.8", "libpcap.so"};
    private static volatile Libpcap instance;

    final String libraryName;
    final MethodHandle create, openOffline, openOfflineWithPrecision, openDead, setSnaplen, setPromisc, setRfmon,
            canSetRfmon, setTimeout, setImmediateMode, setBufferSize, setTstampPrecision, activate, datalink,
            setDatalink, compile, setFilter, freeCode, nextEx, stats, getErr, breakLoop, close, statusToStr, libVersion;

    private Libpcap(String name, SymbolLookup lib) {
        this.libraryName = name;
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor intPtrInt = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
        create = bind(linker, lib, "pcap_create", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        openOffline = bind(linker, lib, "pcap_open_offline", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        openOfflineWithPrecision = bind(linker, lib, "pcap_open_offline_with_tstamp_precision",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
        openDead = bind(linker, lib, "pcap_open_dead", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT));
        setSnaplen = bind(linker, lib, "pcap_set_snaplen", intPtrInt);
        setPromisc = bind(linker, lib, "pcap_set_promisc", intPtrInt);
        setRfmon = bind(linker, lib, "pcap_set_rfmon", intPtrInt);
        canSetRfmon = bind(linker, lib, "pcap_can_set_rfmon", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        setTimeout = bind(linker, lib, "pcap_set_timeout", intPtrInt);
        setImmediateMode = bind(linker, lib, "pcap_set_immediate_mode", intPtrInt);
        setBufferSize = bind(linker, lib, "pcap_set_buffer_size", intPtrInt);
        setTstampPrecision = bind(linker, lib, "pcap_set_tstamp_precision", intPtrInt);
        activate = bind(linker, lib, "pcap_activate", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        datalink = bind(linker, lib, "pcap_datalink", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        setDatalink = bind(linker, lib, "pcap_set_datalink", intPtrInt);
        compile = bind(linker, lib, "pcap_compile",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
        setFilter = bind(linker, lib, "pcap_setfilter", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        freeCode = bind(linker, lib, "pcap_freecode", FunctionDescriptor.ofVoid(ADDRESS));
        nextEx = bind(linker, lib, "pcap_next_ex", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        stats = bind(linker, lib, "pcap_stats", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getErr = bind(linker, lib, "pcap_geterr", FunctionDescriptor.of(ADDRESS, ADDRESS));
        breakLoop = bind(linker, lib, "pcap_breakloop", FunctionDescriptor.ofVoid(ADDRESS));
        close = bind(linker, lib, "pcap_close", FunctionDescriptor.ofVoid(ADDRESS));
        statusToStr = bind(linker, lib, "pcap_statustostr", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        libVersion = bind(linker, lib, "pcap_lib_version", FunctionDescriptor.of(ADDRESS));
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        MemorySegment addr = lib.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libpcap has no " + name));
        return linker.downcallHandle(addr, fd);
    }

    /** Loads libpcap once per process. */
    public static Libpcap load() {
        Libpcap l = instance;
        if (l != null) return l;
        synchronized (Libpcap.class) {
            if (instance != null) return instance;
            List<String> tried = new ArrayList<>();
            for (String name : NAMES) {
                try {
                    SymbolLookup lib = SymbolLookup.libraryLookup(name, Arena.global());
                    instance = new Libpcap(name, lib);
                    return instance;
                } catch (IllegalArgumentException e) {
                    tried.add(name);
                }
            }
            throw new UnsatisfiedLinkError("libpcap not found (tried " + String.join(", ", tried)
                    + "); install it: apt-get install libpcap0.8");
        }
    }

    /** Whether libpcap can be loaded on this machine. */
    public static Optional<String> availability() {
        try {
            return Optional.of(load().version());
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty();
        }
    }

    /** {@code pcap_lib_version()}, e.g. "libpcap version 1.10.3 (with TPACKET_V3)". */
    public String version() {
        try {
            return cString((MemorySegment) libVersion.invokeExact());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Text of an error or warning code ({@code pcap_statustostr}). */
    public String statusText(int status) {
        try {
            return cString((MemorySegment) statusToStr.invokeExact(status));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static String cString(MemorySegment p) {
        return p.equals(MemorySegment.NULL) ? "" : p.reinterpret(ERRBUF_SIZE * 4).getString(0);
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
