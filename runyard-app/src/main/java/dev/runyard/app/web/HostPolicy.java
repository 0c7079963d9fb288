package dev.runyard.app.web;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names this server answers to, against DNS rebinding: a page on {@code evil.example} whose name is re-pointed
 * at 127.0.0.1 reaches the server with {@code Host: evil.example}, which is refused. Allowed: loopback names and
 * addresses, the address bound to ({@code --host}; every local address when that is a wildcard), and the names given
 * with {@code --allowed-host}. IP literals are compared as addresses and never looked up (a rebinding attack needs a
 * name); names are never resolved either.
 *
 * @param names     allowed host names, lower case, without a trailing dot
 * @param addresses allowed IP addresses (loopback ones are always allowed)
 */
public record HostPolicy(Set<String> names, Set<InetAddress> addresses) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*");

    public HostPolicy {
        names = Set.copyOf(names);
        addresses = Set.copyOf(addresses);
    }

    /** Loopback only: what the server accepts when bound to 127.0.0.1 with no other name. */
    public static HostPolicy loopback() {
        return new HostPolicy(Set.of("localhost"), Set.of());
    }

    /** For a server bound to {@code bind} (an address or name) that also answers to {@code extraNames}. */
    public static HostPolicy forBind(String bind, List<String> extraNames) {
        Set<String> names = new LinkedHashSet<>(Set.of("localhost"));
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String n : extraNames) {
            names.add(normalizeName(n).orElseThrow(() -> new IllegalArgumentException(n)));
        }
        Optional<InetAddress> ip = literal(bind);
        if (ip.isPresent() && ip.get().isAnyLocalAddress()) {
            addresses.addAll(localAddresses());
        } else if (ip.isPresent()) {
            addresses.add(ip.get());
        } else {
            normalizeName(bind).ifPresent(names::add);
        }
        return new HostPolicy(names, addresses);
    }

    /** A host name as it may appear in Host (lower case, no trailing dot), if it is one. */
    public static Optional<String> normalizeName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
        return n.length() <= 253 && NAME.matcher(n).matches() ? Optional.of(n) : Optional.empty();
    }

    /** Whether a {@code Host} header value ({@code name}, {@code name:port}, {@code [v6]:port}) is ours. */
    public boolean allows(String hostHeader) {
        String host = hostOf(hostHeader);
        if (host == null) {
            return false;
        }
        Optional<InetAddress> ip = literal(host);
        if (ip.isPresent()) {
            return ip.get().isLoopbackAddress() || addresses.contains(ip.get());
        }
        return normalizeName(host).map(names::contains).orElse(false);
    }

    /** The host part of a Host header or an origin's authority, without port or IPv6 brackets; null if malformed. */
    static String hostOf(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank() || hostHeader.length() > 300) {
            return null;
        }
        try {
            URI u = new URI("http://" + hostHeader.strip() + "/");
            String h = u.getHost();
            if (h == null || u.getRawUserInfo() != null) {
                return null;
            }
            return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** An IP literal as an address; empty for names (which are never looked up). */
    static Optional<InetAddress> literal(String host) {
        String h = host.strip();
        h = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        try {
            if (IPV4.matcher(h).matches()) {
                byte[] b = new byte[4];
                String[] parts = h.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int v = Integer.parseInt(parts[i]);
                    if (v > 255) {
                        return Optional.empty();
                    }
                    b[i] = (byte) v;
                }
                return Optional.of(InetAddress.getByAddress(b));
            }
            // With a colon the JDK parses an IPv6 literal and never asks DNS, valid or not.
            return h.contains(":") ? Optional.of(InetAddress.getByName(h)) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Set<InetAddress> localAddresses() {
        Set<InetAddress> out = new LinkedHashSet<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                out.addAll(Collections.list(ni.getInetAddresses()));
            }
        } catch (SocketException | NullPointerException e) {
            // no interfaces to list: loopback and --allowed-host names still work
        }
        return out;
    }
}
