package org.timesmith.analysis.traffic;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); a bare address
 * is a /32 or /128. Parsing never touches DNS.
 */
public record Cidr(byte[] network, int prefixLength, String text) {

    /** RFC 1918 private IPv4 networks and RFC 4193 unique local IPv6 addresses. */
    public static final List<String> PRIVATE_NETWORKS = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");

    public Cidr {
        network = network.clone();
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    public static Cidr parse(String cidr) {
        String trimmed = cidr.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!InetAddresses.isInetAddress(address)) {
            throw new IllegalArgumentException("'" + cidr + "' is not a CIDR network (address/prefix, e.g. 10.0.0.0/8)");
        }
        byte[] bytes = InetAddresses.forString(address).getAddress();
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + cidr + "' has a prefix length that is not a number", e);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("'" + cidr + "': the prefix length must be 0…" + bytes.length * 8);
        }
        return new Cidr(bytes, prefix, trimmed);
    }

    public boolean contains(InetAddress address) {
        byte[] other = address.getAddress();
        if (other.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (other[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (other[full] & mask) == (network[full] & mask);
    }

    /** The address of a text, without DNS: empty when it is not an IP literal. */
    public static Optional<InetAddress> address(String text) {
        String stripped = text.strip();
        if (stripped.startsWith("[") && stripped.endsWith("]")) {
            stripped = stripped.substring(1, stripped.length() - 1);
        }
        return InetAddresses.isInetAddress(stripped) ? Optional.of(InetAddresses.forString(stripped)) : Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr c && c.prefixLength == prefixLength && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefixLength;
    }
}
