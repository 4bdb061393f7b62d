package org.timesmith.core.reader.evtx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.timesmith.core.reader.WindowsEventXml.Element;

/**
 * Windows events as element trees for {@link EvtxWriter}: a builder for any element, and the events the
 * tests and the EVTX benchmark write (a Sysmon process creation that varies with its number, a
 * Security logon, a CAPI2-style {@code UserData} event).
 */
public final class EvtxTestEvents {

    public static final String XMLNS = "http://schemas.microsoft.com/win/2004/08/events/event";

    private EvtxTestEvents() {
    }

    /** An element; {@code content} items are child elements or values. */
    public static Element element(String name, Map<String, Object> attributes, Object... content) {
        return new Element(name, new LinkedHashMap<>(attributes), new ArrayList<>(Arrays.asList(content)));
    }

    public static Element element(String name, Object... content) {
        return element(name, Map.of(), content);
    }

    /** Attributes in the order given: name, value, name, value … */
    public static Map<String, Object> attributes(Object... namesAndValues) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            attributes.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return attributes;
    }

    /** {@code <Data Name="name">value</Data>}. */
    public static Element data(String name, Object value) {
        return element("Data", Map.of("Name", name), value == null ? new Object[0] : new Object[] {value});
    }

    /** The {@code System} element Windows writes, with typed values. */
    public static Element system(String provider, String providerGuid, int eventId, Instant created, long recordId,
                                 String channel, String computer, String userSid) {
        Map<String, Object> providerAttributes = new LinkedHashMap<>();
        providerAttributes.put("Name", provider);
        providerAttributes.put("Guid", new EvtxWriter.Typed(0x0F, providerGuid));
        return element("System",
                element("Provider", providerAttributes),
                element("EventID", new EvtxWriter.Typed(0x06, eventId)),
                element("Version", new EvtxWriter.Typed(0x04, 5)),
                element("Level", new EvtxWriter.Typed(0x04, 4)),
                element("Task", new EvtxWriter.Typed(0x06, 1)),
                element("Opcode", new EvtxWriter.Typed(0x04, 0)),
                element("Keywords", new EvtxWriter.Typed(0x15, "0x8000000000000000")),
                element("TimeCreated", Map.of("SystemTime", new EvtxWriter.Typed(0x11, created.toString()))),
                element("EventRecordID", new EvtxWriter.Typed(0x0A, recordId)),
                element("Correlation"),
                element("Execution", attributes("ProcessID", new EvtxWriter.Typed(0x08, 3308), "ThreadID",
                        new EvtxWriter.Typed(0x08, 4008))),
                element("Channel", channel),
                element("Computer", computer),
                element("Security", userSid == null ? Map.of() : Map.of("UserID", new EvtxWriter.Typed(0x13, userSid))));
    }

    /** A Sysmon process creation (event 1); number {@code n} varies the record id, time, process and command line. */
    public static Element sysmonProcessCreation(long n, Instant base) {
        Instant created = base.plusMillis(n * 1_000 + n % 997);
        return element("Event", Map.of("xmlns", XMLNS),
                system("Microsoft-Windows-Sysmon", "5770385f-c22a-43e0-bf4c-06f5698ffbd9", 1, created, n + 1,
                        "Microsoft-Windows-Sysmon/Operational", "ws-" + n % 50 + ".corp.example", "S-1-5-18"),
                element("EventData",
                        data("RuleName", "-"),
                        data("UtcTime", created.toString().replace('T', ' ').replace("Z", "")),
                        data("ProcessGuid", new EvtxWriter.Typed(0x0F, String.format("5aa13a44-0c90-68fc-bf1d-%012x", n))),
                        data("ProcessId", new EvtxWriter.Typed(0x08, (int) (1000 + n % 60000))),
                        data("Image", "C:\\Windows\\System32\\tool" + n % 100 + ".exe"),
                        data("CommandLine", "tool" + n % 100 + ".exe /run " + n),
                        data("User", "CORP\\user" + n % 20),
                        data("LogonId", new EvtxWriter.Typed(0x15, "0x" + Long.toHexString(0x3e7 + n % 5))),
                        data("IntegrityLevel", "High"),
                        data("ParentImage", "C:\\Windows\\System32\\cmd.exe"),
                        data("ParentCommandLine", "cmd.exe /c run.bat")));
    }

    /** A Security logon (4624) with a SID, a logon type and an IP address. */
    public static Element securityLogon(long recordId, Instant created) {
        return element("Event", Map.of("xmlns", XMLNS),
                system("Microsoft-Windows-Security-Auditing", "54849625-5478-4994-a5ba-3e3b0328c30d", 4624, created,
                        recordId, "Security", "DC01.corp.example", null),
                element("EventData",
                        data("SubjectUserSid", new EvtxWriter.Typed(0x13, "S-1-5-18")),
                        data("TargetUserName", "alice"),
                        data("TargetDomainName", "CORP"),
                        data("LogonType", new EvtxWriter.Typed(0x08, 3)),
                        data("IpAddress", "10.0.0.7"),
                        data("IpPort", "51234")));
    }

    /** An event whose payload is {@code UserData} with nested elements, as CAPI2 and many services log. */
    public static Element userDataEvent(long recordId, Instant created) {
        return element("Event", Map.of("xmlns", XMLNS),
                system("Microsoft-Windows-CAPI2", "5bbca4a8-b209-48dc-a8c7-b23d3e5216fb", 11, created, recordId,
                        "Microsoft-Windows-CAPI2/Operational", "WS-7", "S-1-5-21-1223297778-3299746493-1462173606-500"),
                element("UserData",
                        element("CertGetCertificateChain",
                                element("ProcessName", "svchost.exe"),
                                element("Certificate", attributes("fileRef", "ABC.cer", "subjectName", "www.example.org")),
                                element("Flags", Map.of("value", "80000000")),
                                element("Result", Map.of("value", "0"), "OK"))));
    }

    /** Events of the three kinds, alternating, with record ids 1…count. */
    public static List<Element> mixed(int count, Instant base) {
        List<Element> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(mixedEvent(i, base));
        }
        return events;
    }

    /** The {@code i}-th event (0-based) of {@link #mixed}: Sysmon, Security, {@code UserData} in turn. */
    public static Element mixedEvent(long i, Instant base) {
        Instant created = base.plusSeconds(i);
        return switch ((int) (i % 3)) {
            case 0 -> sysmonProcessCreation(i, base);
            case 1 -> securityLogon(i + 1, created);
            default -> userDataEvent(i + 1, created);
        };
    }
}
