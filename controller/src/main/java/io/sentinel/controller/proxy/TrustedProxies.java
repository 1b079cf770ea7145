package io.sentinel.controller.proxy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The proxies whose {@code X-Forwarded-*} headers are believed ({@code TRUSTED_PROXY_CIDRS}), and the
 * rules that turn a TCP peer plus those headers into the effective client address, scheme and host.
 */
public final class TrustedProxies {

    private final List<Cidr> networks;

    public TrustedProxies(List<Cidr> networks) {
        this.networks = List.copyOf(networks);
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** Parses a comma-separated list; blank entries are skipped; a bad entry throws naming it. */
    public static TrustedProxies parse(String commaSeparated) {
        List<Cidr> out = new ArrayList<>();
        if (commaSeparated != null) {
            for (String part : commaSeparated.split(",")) {
                if (!part.isBlank()) {
                    out.add(Cidr.parse(part));
                }
            }
        }
        return new TrustedProxies(out);
    }

    public List<Cidr> networks() {
        return networks;
    }

    public boolean isTrusted(InetAddress address) {
        for (Cidr cidr : networks) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resolves what the request looks like from outside.
     *
     * @param peer the TCP peer address as text
     * @param peerScheme the scheme of the connection to us
     * @param peerHost the Host header as received
     * @param forwardedFor the X-Forwarded-For header (may be null)
     * @param forwardedProto the X-Forwarded-Proto header (may be null)
     * @param forwardedHost the X-Forwarded-Host header (may be null)
     */
    public ClientView resolve(String peer, String peerScheme, String peerHost,
                              String forwardedFor, String forwardedProto, String forwardedHost) {
        Optional<InetAddress> peerAddress = Cidr.parseAddress(peer == null ? "" : peer);
        String peerText = peerAddress.map(InetAddress::getHostAddress).orElse(peer == null ? "" : peer);
        if (peerAddress.isEmpty() || !isTrusted(peerAddress.get())) {
            return new ClientView(peerText, peerScheme, peerHost, false);
        }
        String client = clientFromForwardedFor(peerText, forwardedFor);
        String scheme = firstValue(forwardedProto)
                .map(s -> s.toLowerCase(Locale.ROOT))
                .filter(s -> s.equals("http") || s.equals("https"))
                .orElse(peerScheme);
        String host = firstValue(forwardedHost)
                .filter(h -> h.length() <= 255 && h.matches("[A-Za-z0-9.\\-:\\[\\]]+"))
                .orElse(peerHost);
        return new ClientView(client, scheme, host, true);
    }

    /** The right-most address of X-Forwarded-For that is not itself a trusted proxy. */
    private String clientFromForwardedFor(String trustedPeer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank()) {
            return trustedPeer;
        }
        String[] hops = forwardedFor.split(",");
        String last = trustedPeer;
        for (int i = hops.length - 1; i >= 0; i--) {
            Optional<InetAddress> hop = Cidr.parseAddress(stripPort(hops[i].strip()));
            if (hop.isEmpty()) {
                // garbage in the chain: stop at the last address a trusted proxy vouched for
                return last;
            }
            String text = hop.get().getHostAddress();
            if (!isTrusted(hop.get())) {
                return text;
            }
            last = text;
        }
        return last;
    }

    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close > 0 ? hop.substring(1, close) : hop;
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && colon == hop.lastIndexOf(':')) {
            return hop.substring(0, colon); // IPv4 with port
        }
        return hop;
    }

    private static Optional<String> firstValue(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String first = header.split(",")[0].strip();
        return first.isEmpty() ? Optional.empty() : Optional.of(first);
    }

    /** The effective client address, scheme and host of one request. */
    public record ClientView(String clientIp, String scheme, String host, boolean viaTrustedProxy) {
        public boolean secure() {
            return "https".equals(scheme);
        }
    }
}
