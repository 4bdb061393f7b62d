package org.timesmith.core.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowsEventRecordsTest {

    @Test
    void systemAndDataFieldsGetSigmaNamesAndKeepTheirDottedPaths() {
        Map<String, Object> record = Map.of("Event", Map.of(
                "System", Map.of(
                        "Provider", Map.of("#attributes", Map.of("Name", "Microsoft-Windows-Sysmon")),
                        "EventID", 1,
                        "Channel", "Microsoft-Windows-Sysmon/Operational",
                        "Computer", "host1"),
                "EventData", Map.of("Image", "C:\\Windows\\cmd.exe", "Channel", "data's own", "ProcessId", 42)));
        Map<String, Object> flat = WindowsEventRecords.flatten(record);
        assertThat(flat).containsEntry("EventID", 1)
                .containsEntry("Channel", "Microsoft-Windows-Sysmon/Operational")
                .containsEntry("Provider_Name", "Microsoft-Windows-Sysmon")
                .containsEntry("Computer", "host1")
                .containsEntry("Image", "C:\\Windows\\cmd.exe")
                .containsEntry("ProcessId", 42)
                .containsEntry("Event.System.Provider.#attributes.Name", "Microsoft-Windows-Sysmon")
                .containsEntry("Event.EventData.Channel", "data's own");
    }

    @Test
    void userDataFieldsAndQualifiedEventIds() {
        Map<String, Object> flat = WindowsEventRecords.flatten(Map.of(
                "System", Map.of("EventID", Map.of("#text", 104, "#attributes", Map.of("Qualifiers", 0))),
                "UserData", Map.of("LogFileCleared", Map.of("Channel", "System", "SubjectUserName", "bob"))));
        assertThat(flat).containsEntry("EventID", 104).containsEntry("SubjectUserName", "bob")
                .containsEntry("Event.UserData.LogFileCleared.SubjectUserName", "bob");
    }

    @Test
    void aRecordWithoutSystemIsAClearError() {
        assertThatThrownBy(() -> WindowsEventRecords.flatten(Map.of("Event", Map.of("x", List.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Event.System");
    }
}
