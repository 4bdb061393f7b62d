package org.timesmith.analysis.traffic;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces IP addresses by keyed pseudonyms: HMAC-SHA-256 of the address's canonical bytes under a
 * secret key, the first 16 bytes in hex, prefixed {@code ip4-} or {@code ip6-}. The same address
 * always gets the same pseudonym under one key (so counts, pairs and beacons survive), and without
 * the key nobody can test guesses. A plain hash would not do: there are only 2^32 IPv4 addresses,
 * so SHA-1 of all of them is computed in minutes and every "pseudonym" is reversed by lookup.
 * The key must come from a secure random source, be at least 32 bytes, and be kept (or destroyed,
 * for irreversibility) like any secret.
 */
public final class IpPseudonymizer {

    public static final int MIN_KEY_BYTES = 32;
    private final SecretKeySpec key;

    public IpPseudonymizer(byte[] secretKey) {
        if (secretKey.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonymisation key has " + secretKey.length + " bytes; at least "
                    + MIN_KEY_BYTES + " random bytes are needed");
        }
        this.key = new SecretKeySpec(secretKey.clone(), "HmacSHA256");
    }

    /** The pseudonym of an IP literal; empty if the text is not one (DNS is never asked). */
    public Optional<String> pseudonym(String address) {
        return Cidr.address(address).map(this::pseudonym);
    }

    public String pseudonym(InetAddress address) {
        byte[] bytes = address.getAddress();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // the family is part of the input, so an IPv4 address and its IPv4-mapped IPv6 form differ
            mac.update((bytes.length == 4 ? "ip4:" : "ip6:").getBytes(StandardCharsets.US_ASCII));
            byte[] digest = mac.doFinal(bytes);
            return (bytes.length == 4 ? "ip4-" : "ip6-") + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
        }
    }
}
