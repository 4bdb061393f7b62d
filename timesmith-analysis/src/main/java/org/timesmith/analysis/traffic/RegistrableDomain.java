package org.timesmith.analysis.traffic;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The registrable domain ("eTLD+1", e.g. {@code example.co.uk}) of a URL or host name, from the
 * public suffix list in Guava's {@link InternetDomainName}. Empty for IP literals, names that are
 * not valid, and names that are a public suffix themselves or under none ({@code localhost},
 * {@code printer.lan}): those have no registrable domain, and guessing one would merge unrelated hosts.
 */
public final class RegistrableDomain {

    private RegistrableDomain() {
    }

    /** Accepts {@code https://user@www.example.com:8443/path}, {@code www.example.com.}, {@code [::1]}, … */
    public static Optional<String> of(String urlOrHost) {
        return host(urlOrHost).flatMap(RegistrableDomain::ofHost);
    }

    static Optional<String> host(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.contains("://")) {
            try {
                String host = URI.create(value.replace(" ", "%20")).getHost();
                return Optional.ofNullable(host);
            } catch (IllegalArgumentException e) {
                int start = value.indexOf("://") + 3;
                value = value.substring(start);
            }
        }
        int cut = indexOfAny(value, "/?#");
        if (cut >= 0) {
            value = value.substring(0, cut);
        }
        int at = value.lastIndexOf('@');
        if (at >= 0) {
            value = value.substring(at + 1);
        }
        if (value.startsWith("[")) {
            return Optional.of(value.substring(1, Math.max(1, value.indexOf(']'))));
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && value.indexOf(':', colon + 1) < 0) {
            value = value.substring(0, colon); // host:port (a second colon would make it IPv6)
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<String> ofHost(String rawHost) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || InetAddresses.isInetAddress(host) || !InternetDomainName.isValid(host)) {
            return Optional.empty();
        }
        InternetDomainName name = InternetDomainName.from(host);
        if (!name.isUnderPublicSuffix()) {
            return Optional.empty();
        }
        return Optional.of(name.topPrivateDomain().toString());
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
