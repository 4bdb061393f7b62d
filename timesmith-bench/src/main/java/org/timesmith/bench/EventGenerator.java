package org.timesmith.bench;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a deterministic, realistic forensic timeline in Timesketch's CSV layout: a mix of
 * Windows event log records (40 %), file system timestamps (25 %), browser history (15 %) and
 * network connections (20 %) from a mid-sized network over 30 days, with field cardinalities like
 * real cases (a few hundred hosts and users, tens of thousands of paths, thousands of domains and
 * addresses) and messages of 80–300 characters. The same seed always gives the same bytes.
 */
final class EventGenerator {

    static final List<String> COLUMNS = List.of("message", "datetime", "timestamp_desc", "data_type", "hostname",
            "username", "event_identifier", "logon_type", "source_ip", "process_name", "command_line", "filename",
            "file_size", "url", "domain", "title", "src_ip", "dst_ip", "dst_port", "protocol", "bytes_sent");

    /** Start of the generated period and its length. */
    static final long START_MICROS = Instant.parse("2024-03-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    static final long SPAN_MICROS = 30L * 24 * 3600 * 1_000_000L;

    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private static final String[] WORDS = ("report invoice budget payroll project meeting notes draft final backup "
            + "summary contract client vendor travel expense policy security update review plan forecast quarterly "
            + "minutes proposal scan export archive diagram migration roadmap audit").split(" ");
    private static final String[] EXTENSIONS = {"docx", "xlsx", "pdf", "pptx", "txt", "zip", "png", "log", "csv", "lnk",
        "exe", "dll", "ps1", "tmp", "json"};
    private static final String[] PROCESSES = {"C:\\Windows\\System32\\svchost.exe", "C:\\Windows\\explorer.exe",
        "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
        "C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE",
        "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
        "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "C:\\Windows\\System32\\cmd.exe",
        "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "C:\\Windows\\System32\\rundll32.exe",
        "C:\\Windows\\System32\\conhost.exe", "C:\\Windows\\System32\\taskhostw.exe",
        "C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe", "C:\\Windows\\System32\\wbem\\WmiPrvSE.exe",
        "C:\\Windows\\System32\\schtasks.exe", "C:\\Windows\\System32\\net.exe", "C:\\Windows\\System32\\whoami.exe"};
    private static final String[] COMMANDS = {"-k netsvcs -p -s Schedule", "/n /dde", "--type=renderer --lang=en-US",
        "/c whoami /all", "-NoP -NonI -W Hidden -Enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA=",
        "-ExecutionPolicy Bypass -File C:\\Users\\Public\\upd.ps1", "group \"Domain Admins\" /domain",
        "/create /tn Updater /tr C:\\ProgramData\\upd.exe /sc minute", "shell32.dll,Control_RunDLL", "/background",
        "-Embedding", "0xffffffff -ForceV1"};
    private static final String[] TLDS = {"com", "net", "org", "io", "de", "co.uk", "nl", "ru", "cn", "info"};
    private static final String[] PROTOCOLS = {"TCP", "TCP", "TCP", "UDP"};
    private static final int[] PORTS = {443, 443, 443, 443, 80, 80, 53, 445, 135, 139, 389, 88, 3389, 22, 8080, 8443,
        5985, 1433, 3306, 25, 587, 993, 123, 161, 9200, 5601, 6379, 27017, 8000, 9000};
    private static final String[] FS_DESCRIPTIONS = {"Content Modification Time", "Last Access Time",
        "Metadata Modification Time", "Creation Time"};

    private final SplittableRandom random;
    private final String[] row = new String[COLUMNS.size()];
    private long timestamp = START_MICROS;

    EventGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Writes a header and {@code events} rows of CSV. */
    static void writeCsv(long events, long seed, Writer out) throws IOException {
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
        csv.writeRecord(COLUMNS);
        EventGenerator generator = new EventGenerator(seed);
        for (long i = 0; i < events; i++) {
            csv.writeRecord(generator.next(events));
        }
        csv.flush();
    }

    /** The next row; timestamps advance so that {@code total} rows span about 30 days, with bursts. */
    String[] next(long total) {
        Arrays.fill(row, "");
        long meanStep = Math.max(SPAN_MICROS / Math.max(total, 1), 1);
        // Mostly steady activity with occasional gaps; the steps average just under meanStep.
        timestamp += random.nextInt(10) == 0 ? meanStep * random.nextLong(1, 6) : random.nextLong(0, 3 * meanStep / 2 + 1);
        int kind = random.nextInt(100);
        if (kind < 40) {
            windowsEvent();
        } else if (kind < 65) {
            fileEvent();
        } else if (kind < 80) {
            browserEvent();
        } else {
            networkEvent();
        }
        set("datetime", DATETIME.format(Instant.ofEpochSecond(timestamp / 1_000_000L, (timestamp % 1_000_000L) * 1000)));
        return row;
    }

    private void windowsEvent() {
        String host = host();
        String user = user();
        set("data_type", "windows:evtx:record");
        set("timestamp_desc", "Event Logged");
        set("hostname", host);
        set("username", user);
        int pick = random.nextInt(100);
        if (pick < 35) {
            String logonType = String.valueOf(new int[] {2, 3, 3, 3, 5, 7, 10, 11}[random.nextInt(8)]);
            String ip = internalIp();
            set("event_identifier", "4624");
            set("logon_type", logonType);
            set("source_ip", ip);
            set("process_name", "C:\\Windows\\System32\\lsass.exe");
            set("message", "[4624 / 0x1210] An account was successfully logged on. Account Name: " + user
                    + " Account Domain: ACME Logon Type: " + logonType + " Workstation Name: " + host
                    + " Source Network Address: " + ip + " Logon Process: " + (logonType.equals("3") ? "NtLmSsp" : "User32")
                    + " Authentication Package: " + (random.nextBoolean() ? "Kerberos" : "NTLM"));
        } else if (pick < 45) {
            String ip = random.nextInt(4) == 0 ? externalIp() : internalIp();
            set("event_identifier", "4625");
            set("logon_type", "3");
            set("source_ip", ip);
            set("message", "[4625 / 0x1211] An account failed to log on. Account Name: " + user
                    + " Failure Reason: Unknown user name or bad password. Status: 0xC000006D Sub Status: 0xC000006A"
                    + " Source Network Address: " + ip);
        } else if (pick < 75) {
            String process = PROCESSES[random.nextInt(PROCESSES.length)];
            String command = quoted(process.substring(process.lastIndexOf('\\') + 1)) + " "
                    + COMMANDS[random.nextInt(COMMANDS.length)];
            set("event_identifier", "4688");
            set("process_name", process);
            set("command_line", command);
            set("message", "[4688 / 0x1200] A new process has been created. Creator Subject: " + user
                    + " New Process Name: " + process + " Process Command Line: " + command);
        } else if (pick < 90) {
            set("event_identifier", "4634");
            set("logon_type", "3");
            set("message", "[4634 / 0x1212] An account was logged off. Account Name: " + user
                    + " Account Domain: ACME Logon ID: 0x" + Long.toHexString(random.nextLong(0x10000, 0xFFFFFFFL))
                    + " Logon Type: 3");
        } else if (pick < 97) {
            set("event_identifier", "4672");
            set("message", "[4672 / 0x1202] Special privileges assigned to new logon. Account Name: " + user
                    + " Privileges: SeSecurityPrivilege SeBackupPrivilege SeRestorePrivilege SeDebugPrivilege");
        } else {
            String service = "svc" + Integer.toHexString(random.nextInt(0x10000));
            set("event_identifier", "7045");
            set("message", "[7045 / 0x1b85] A service was installed in the system. Service Name: " + service
                    + " Service File Name: C:\\Windows\\Temp\\" + service + ".exe Service Type: user mode service"
                    + " Service Start Type: demand start Service Account: LocalSystem");
        }
    }

    private void fileEvent() {
        String path = path();
        String size = String.valueOf(random.nextInt(20) == 0 ? random.nextLong(1_000_000, 2_000_000_000L)
                : random.nextLong(0, 1_000_000));
        set("data_type", "fs:stat");
        set("timestamp_desc", FS_DESCRIPTIONS[random.nextInt(FS_DESCRIPTIONS.length)]);
        set("hostname", host());
        set("filename", path);
        set("file_size", size);
        set("message", "NTFS:" + path + " Type: file Size: " + size + " bytes Inode: "
                + random.nextInt(1, 4_000_000) + "-" + random.nextInt(1, 30) + " Owner: S-1-5-21-1004336348-1177238915-"
                + random.nextInt(1000, 1200));
    }

    private void browserEvent() {
        String domain = domain();
        String title = capitalised(word()) + " " + word() + " - " + domain;
        String url = "https://" + domain + "/" + word() + "/" + word() + "-" + random.nextInt(10_000)
                + (random.nextBoolean() ? "?q=" + word() + "+" + word() : "");
        set("data_type", "chrome:history:page_visited");
        set("timestamp_desc", "Last Visited Time");
        set("hostname", host());
        set("username", user());
        set("url", url);
        set("domain", domain);
        set("title", title);
        set("message", url + " (" + title + ") [count: " + random.nextInt(1, 40) + "] Visit from: "
                + (random.nextBoolean() ? "typed URL" : "link") + " Visit Source: [SYNCED] Transition: LINK");
    }

    private void networkEvent() {
        String source = internalIp();
        String destination = random.nextInt(3) == 0 ? internalIp() : externalIp();
        int port = PORTS[random.nextInt(PORTS.length)];
        String protocol = port == 53 || port == 123 || port == 161 ? "UDP" : PROTOCOLS[random.nextInt(PROTOCOLS.length)];
        String process = PROCESSES[random.nextInt(PROCESSES.length)];
        String bytes = String.valueOf(random.nextLong(40, 50_000_000L));
        set("data_type", "windows:sysmon:network");
        set("timestamp_desc", "Connection Established");
        set("hostname", host());
        set("process_name", process);
        set("src_ip", source);
        set("dst_ip", destination);
        set("dst_port", String.valueOf(port));
        set("protocol", protocol);
        set("bytes_sent", bytes);
        set("message", "Network connection detected: " + process + " " + protocol + " " + source + ":"
                + random.nextInt(49152, 65536) + " -> " + destination + ":" + port + " Initiated: true Bytes sent: " + bytes);
    }

    private void set(String column, String value) {
        row[COLUMNS.indexOf(column)] = value;
    }

    // ~300 hosts, ~600 users, ~60k paths, ~2.5k domains, ~10k internal and ~15k external addresses.
    private String host() {
        int n = skewed(300);
        return (n < 10 ? "DC-0" : n < 40 ? "SRV-" : "WS-") + String.format("%03d", n);
    }

    private String user() {
        int n = skewed(600);
        return n < 20 ? "ACME\\adm_" + n : n < 40 ? "ACME\\svc_" + WORDS[n % WORDS.length] : "ACME\\user" + n;
    }

    private String path() {
        int user = skewed(600);
        return "C:\\Users\\user" + user + "\\" + (random.nextBoolean() ? "Documents" : "AppData\\Local\\Temp") + "\\"
                + word() + "-" + word() + "-" + random.nextInt(5) + "." + EXTENSIONS[random.nextInt(EXTENSIONS.length)];
    }

    private String domain() {
        int n = skewed(2500);
        return WORDS[n % WORDS.length] + (n / WORDS.length) + "." + TLDS[n % TLDS.length];
    }

    private String internalIp() {
        int n = skewed(10_000);
        return "10.20." + (n / 250) + "." + (n % 250 + 1);
    }

    private String externalIp() {
        int n = skewed(15_000);
        return (n % 200 + 20) + "." + (n * 7 % 250) + "." + (n / 200 % 250) + "." + (n % 250 + 1);
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    /** A value below {@code n} where small values are much more frequent, as in real logs. */
    private int skewed(int n) {
        double u = random.nextDouble();
        return (int) (n * u * u * u);
    }

    private static String quoted(String path) {
        return "\"" + path + "\"";
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
