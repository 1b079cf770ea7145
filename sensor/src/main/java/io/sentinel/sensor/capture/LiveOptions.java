package io.sentinel.sensor.capture;

/**
 * How a live interface is opened.
 *
 * @param iface         interface name (e.g. {@code wlan0mon})
 * @param snaplen       bytes kept per packet (management frames fit in 512; EAPOL in 2048)
 * @param promiscuous   promiscuous mode (meaningless but harmless in monitor mode)
 * @param rfmon         ask libpcap for monitor mode itself ({@code pcap_set_rfmon}); usually the
 *                      interface is put in monitor mode with {@code iw} beforehand instead
 * @param timeoutMillis read timeout: how long a read may wait for more packets
 * @param immediate     deliver packets as they arrive instead of filling the buffer first
 * @param bufferBytes   kernel ring buffer size
 */
public record LiveOptions(String iface, int snaplen, boolean promiscuous, boolean rfmon, int timeoutMillis,
        boolean immediate, int bufferBytes) {

    public static LiveOptions forInterface(String iface) {
        return new LiveOptions(iface, 4096, true, false, 100, true, 8 << 20);
    }
}
