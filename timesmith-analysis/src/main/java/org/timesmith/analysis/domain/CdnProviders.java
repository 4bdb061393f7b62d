package org.timesmith.analysis.domain;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Content delivery networks by domain suffix (the list Timesketch's domain analyzer knows), so
 * events served by a CDN can be told from visits to the site itself ({@code known-cdn},
 * {@code cdn_provider}).
 */
final class CdnProviders {

    private static final Map<String, String> SUFFIXES = Map.ofEntries(
            Map.entry(".att-dsa.net", "AT&T"), Map.entry(".pix-cdn.org", "Advanced Hosters CDN"),
            Map.entry(".akamai.net", "Akamai"), Map.entry(".akamaiedge.net", "Akamai"), Map.entry(".akamaihd.net", "Akamai"),
            Map.entry(".akamaitechnologies.com", "Akamai"), Map.entry(".akamaitechnologies.fr", "Akamai"),
            Map.entry(".akamaized.net", "Akamai"), Map.entry(".edgekey.net", "Akamai"), Map.entry(".edgesuite.net", "Akamai"),
            Map.entry(".srip.net", "Akamai"), Map.entry(".tl88.net", "Akamai China CDN"), Map.entry(".gslb.tbcache.com", "Alimama"),
            Map.entry(".cloudfront.net", "Amazon CloudFront"), Map.entry(".aads-cn.net", "Aryaka"), Map.entry(".aads-cng.net", "Aryaka"),
            Map.entry(".aads1.net", "Aryaka"), Map.entry(".azion.net", "Azion"), Map.entry(".azioncdn.com", "Azion"),
            Map.entry(".azioncdn.net", "Azion"), Map.entry(".bo.lt", "BO.LT"), Map.entry(".bisongrid.net", "Bison Grid"),
            Map.entry(".bitgravity.com", "BitGravity"), Map.entry(".bluehatnetwork.com", "Blue Hat Network"),
            Map.entry(".b-cdn.net", "BunnyCDN"), Map.entry(".cdn77.net", "CDN77"), Map.entry(".cdn77.org", "CDN77"),
            Map.entry(".cdngc.net", "CDNetworks"), Map.entry(".gccdn.net", "CDNetworks"), Map.entry(".panthercdn.com", "CDNetworks"),
            Map.entry(".cdnsun.net", "CDNsun"), Map.entry(".cdnvideo.net", "CDNvideo"), Map.entry(".cdnvideo.ru", "CDNvideo"),
            Map.entry(".cachefly.net", "Cachefly"), Map.entry(".caspowa.com", "Caspowa"), Map.entry(".cedexis.net", "Cedexis"),
            Map.entry(".ccgslb.com", "ChinaCache"), Map.entry(".lxdns.com", "ChinaNetCenter"), Map.entry(".ourwebpic.com", "ChinaNetCenter"),
            Map.entry(".wscdns.com", "ChinaNetCenter"), Map.entry(".wscloudcdn.com", "ChinaNetCenter"),
            Map.entry(".cloudflare.com", "Cloudflare"), Map.entry(".cotcdn.net", "Cotendo CDN"), Map.entry(".systemcdn.net", "Edgecast"),
            Map.entry(".transactcdn.net", "Edgecast"), Map.entry(".v1cdn.net", "Edgecast"), Map.entry(".v2cdn.net", "Edgecast"),
            Map.entry(".v3cdn.net", "Edgecast"), Map.entry(".v4cdn.net", "Edgecast"), Map.entry(".v5cdn.net", "Edgecast"),
            Map.entry(".edgecastcdn.net", "Edgecast"), Map.entry(".cdninstagram.com", "Facebook"), Map.entry(".fbcdn.net", "Facebook"),
            Map.entry(".fastly.net", "Fastly"), Map.entry(".fastlylb.net", "Fastly"), Map.entry(".nocookie.net", "Fastly"),
            Map.entry(".cdn.gocache.net", "GoCache"), Map.entry(".doubleclick.net", "Google"),
            Map.entry(".googleusercontent.com", "Google"), Map.entry(".gstatic.com", "Google"), Map.entry(".googlehosted.com", "Google"),
            Map.entry(".googlesyndication.", "Google"), Map.entry(".hiberniacdn.com", "HiberniaCDN"), Map.entry(".hwcdn.net", "Highwinds"),
            Map.entry(".hosting4cdn.com", "Hosting4CDN"), Map.entry(".incapdns.net", "Incapsula"), Map.entry(".inscname.net", "Instart Logic"),
            Map.entry(".insnw.net", "Instart Logic"), Map.entry(".internapcdn.net", "Internap"), Map.entry(".kinxcdn.com", "KINX CDN"),
            Map.entry(".kinxcdn.net", "KINX CDN"), Map.entry(".kxcdn.com", "KeyCDN"), Map.entry(".lswcdn.eu", "LeaseWeb CDN"),
            Map.entry(".lswcdn.net", "LeaseWeb CDN"), Map.entry(".footprint.net", "Level 3"), Map.entry(".fpbns.net", "Level 3"),
            Map.entry(".llnwd.net", "Limelight"), Map.entry(".cdncloud.net.au", "MediaCloud"), Map.entry(".mncdn.com", "Medianova"),
            Map.entry(".mncdn.net", "Medianova"), Map.entry(".mncdn.org", "Medianova"), Map.entry(".azure.microsoft.com", "Microsoft Azure"),
            Map.entry(".azureedge.net", "Microsoft Azure"), Map.entry(".vo.msecnd.net", "Microsoft Azure"),
            Map.entry(".instacontent.net", "Mirror Image"), Map.entry(".mirror-image.net", "Mirror Image"), Map.entry(".ngenix.net", "NGENIX"),
            Map.entry(".nyiftw.com", "NYI FTW"), Map.entry(".nyiftw.net", "NYI FTW"), Map.entry(".netdna-cdn.com", "NetDNA"),
            Map.entry(".netdna-ssl.com", "NetDNA"), Map.entry(".netdna.com", "NetDNA"), Map.entry(".netlify.com", "Netlify"),
            Map.entry(".r.worldcdn.net", "OnApp"), Map.entry(".r.worldssl.net", "OnApp"), Map.entry(".optimalcdn.com", "Optimal CDN"),
            Map.entry(".pagerain.net", "PageRain"), Map.entry(".raxcdn.com", "Rackspace"), Map.entry(".resrc.it", "ReSRC.it"),
            Map.entry(".rlcdn.com", "Reapleaf"), Map.entry(".rncdn1.com", "Reflected Networks"), Map.entry(".rncdn7.com", "Reflected Networks"),
            Map.entry(".revcn.net", "Rev Software"), Map.entry(".revdn.net", "Rev Software"), Map.entry(".roast.io", "Roast.io"),
            Map.entry(".streamprovider.net", "Rocket CDN"), Map.entry(".cdn.sfr.net", "SFR"), Map.entry(".simplecdn.net", "Simple CDN"),
            Map.entry(".singularcdn.net.br", "Singular CDN"), Map.entry(".stackpathdns.com", "StackPath"),
            Map.entry(".swiftcdn1.com", "SwiftCDN"), Map.entry(".swiftserve.com", "SwiftCDN"), Map.entry(".trbcdn.ru", "TRBCDN"),
            Map.entry(".gslb.taobao.com", "Taobao"), Map.entry(".taobaocdn.com", "Taobao"), Map.entry(".tbcdn.cn", "Taobao"),
            Map.entry(".cdntel.net", "Telenor"), Map.entry(".twimg.com", "Twitter"), Map.entry(".unicorncdn.net", "UnicornCDN"),
            Map.entry(".voxcdn.net", "VoxCDN"), Map.entry(".gravatar.com", "WordPress"), Map.entry(".wordpress.com", "WordPress"),
            Map.entry(".wp.com", "WordPress"), Map.entry(".ay1.b.yahoo.com", "Yahoo"), Map.entry(".yahooapis.com", "Yahoo"),
            Map.entry(".yimg.", "Yahoo"), Map.entry(".yottaa.net", "Yottaa"), Map.entry(".zenedge.net", "Zenedge"),
            Map.entry(".afxcdn.net", "afxcdn.net"), Map.entry(".cubecdn.net", "cubeCDN"), Map.entry(".cdn.jsdelivr.net", "jsDelivr"),
            Map.entry(".squixa.net", "section.io"));

    private CdnProviders() {
    }

    /**
     * The CDN(s) serving the domain (names joined by a space when several suffixes fit), if any.
     * Suffixes ending in a dot ({@code .yimg.}) match anywhere in the name, as in Timesketch.
     */
    static Optional<String> of(String domain) {
        TreeSet<String> providers = new TreeSet<>();
        SUFFIXES.forEach((suffix, provider) -> {
            if (suffix.endsWith(".") ? domain.contains(suffix) : domain.endsWith(suffix)) {
                providers.add(provider);
            }
        });
        return providers.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", providers));
    }
}
