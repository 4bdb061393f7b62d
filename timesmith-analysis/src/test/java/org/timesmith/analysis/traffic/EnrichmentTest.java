package org.timesmith.analysis.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnrichmentTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void pseudonymsAreStablePerKeyAndDifferAcrossKeys() {
        IpPseudonymizer a = new IpPseudonymizer(KEY);
        IpPseudonymizer b = new IpPseudonymizer("another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII));
        String p = a.pseudonym("73.54.23.243").orElseThrow();
        assertThat(p).startsWith("ip4-").hasSize(4 + 32);
        assertThat(a.pseudonym(" 73.54.23.243 ")).contains(p);
        assertThat(b.pseudonym("73.54.23.243")).get().isNotEqualTo(p);
        assertThat(a.pseudonym("73.54.23.244")).get().isNotEqualTo(p);
        // one address, two spellings: one pseudonym
        assertThat(a.pseudonym("2001:db8::1")).isEqualTo(a.pseudonym("2001:0db8:0:0:0:0:0:1")).get().asString().startsWith("ip6-");
        assertThat(a.pseudonym("example.com")).isEmpty();
        assertThat(a.pseudonym("")).isEmpty();
        // computed independently with Python's hmac: HMAC-SHA-256(key, "ip4:" + the 4 address bytes), 16 bytes
        assertThat(p).isEqualTo("ip4-815ec7065bbc116cd37a8310bacbae10");
        assertThatThrownBy(() -> new IpPseudonymizer(new byte[16])).hasMessageContaining("at least 32 random bytes");
    }

    @Test
    void registrableDomainsFromUrlsAndHostNames() {
        assertThat(RegistrableDomain.of("https://user@www.Example.co.uk:8443/a/b?c=d#e")).contains("example.co.uk");
        assertThat(RegistrableDomain.of("mail.google.com")).contains("google.com");
        assertThat(RegistrableDomain.of("www.example.com.")).contains("example.com");
        assertThat(RegistrableDomain.of("cdn.example.com:443")).contains("example.com");
        assertThat(RegistrableDomain.of("foo.bar.blogspot.com")).contains("bar.blogspot.com");
        assertThat(RegistrableDomain.of("venomlaunchpad.com/path")).contains("venomlaunchpad.com");
        assertThat(RegistrableDomain.of("http://64.225.56.201/")).isEmpty();
        assertThat(RegistrableDomain.of("[2001:db8::1]:80")).isEmpty();
        assertThat(RegistrableDomain.of("localhost")).isEmpty();
        assertThat(RegistrableDomain.of("co.uk")).isEmpty();
        assertThat(RegistrableDomain.of("printer.lan")).isEmpty();
        assertThat(RegistrableDomain.of("not a host!")).isEmpty();
        assertThat(RegistrableDomain.of("")).isEqualTo(Optional.empty());
    }
}
