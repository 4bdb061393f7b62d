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

    @Test
    void xmlTextGivesTheFieldsItsJsonGives() {
        String xml = """
                <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
                  <System>
                    <Provider Name="Microsoft-Windows-Eventlog" Guid="{fc65ddd8-d6ef-4962-83d5-6e5cfe9ce148}"/>
                    <EventID Qualifiers="0">104</EventID>
                    <Correlation/>
                    <Channel>System</Channel>
                    <Computer>host1</Computer>
                  </System>
                  <UserData>
                    <LogFileCleared xmlns="http://manifests.microsoft.com/win/2004/08/windows/eventlog">
                      <SubjectUserName>bob &amp; alice</SubjectUserName>
                      <Channel>System</Channel>
                    </LogFileCleared>
                  </UserData>
                </Event>
                """;
        Map<String, Object> flat = WindowsEventRecords.flattenXml(xml);
        assertThat(flat).containsEntry("EventID", "104").containsEntry("Channel", "System")
                .containsEntry("Provider_Name", "Microsoft-Windows-Eventlog").containsEntry("Computer", "host1")
                .containsEntry("SubjectUserName", "bob & alice")
                .containsEntry("Event.System.EventID.#attributes.Qualifiers", "0")
                .containsEntry("Event.UserData.LogFileCleared.#attributes.xmlns",
                        "http://manifests.microsoft.com/win/2004/08/windows/eventlog");
        assertThat(WindowsEventXml.toXml(WindowsEventXml.parse(xml)))
                .contains("<SubjectUserName>bob &amp; alice</SubjectUserName>").contains("<Correlation/>");
    }

    @Test
    void unnamedDataAndRepeatedElementsKeepEveryValue() {
        Map<String, Object> record = WindowsEventXml.toRecordMap(WindowsEventXml.parse("""
                <Event><System><EventID>7036</EventID></System>
                <EventData><Data>first</Data><Data></Data><Data>third</Data><Binary>00FF</Binary></EventData>
                <UserData><Item><Action name="a"/><Action name="b"/></Item></UserData></Event>"""));
        assertThat(record).isEqualTo(Map.of("Event", Map.of(
                "System", Map.of("EventID", "7036"),
                "EventData", Map.of("Binary", "00FF", "Data", Map.of("#text", List.of("first", "", "third"))),
                "UserData", Map.of("Item", Map.of("Action", Map.of("#attributes", Map.of("name", "a")),
                        "Action_1", Map.of("#attributes", Map.of("name", "b")))))));
    }

    @Test
    void controlCharactersKeepTheXmlWellFormed() {
        WindowsEventXml.Element root = new WindowsEventXml.Element("Event", new java.util.LinkedHashMap<>(),
                new java.util.ArrayList<>(List.of(new WindowsEventXml.Element("System", Map.of(), new java.util.ArrayList<>(
                        List.of(new WindowsEventXml.Element("EventID", Map.of("Note", "a\tb\nc\rd"),
                                new java.util.ArrayList<>(List.of("x\u0002y\r\nz")))))))));
        String xml = WindowsEventXml.toXml(root);
        assertThat(xml).contains("x\uFFFDy&#13;\nz").contains("Note=\"a&#9;b&#10;c&#13;d\"");
        assertThat(WindowsEventRecords.flattenXml(xml)).containsEntry("EventID", "x\uFFFDy\r\nz")
                .containsEntry("Event.System.EventID.#attributes.Note", "a\tb\nc\rd");
    }

    @Test
    void brokenXmlIsAClearError() {
        assertThatThrownBy(() -> WindowsEventRecords.flattenXml("<Event><System>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not well-formed XML");
        assertThatThrownBy(() -> WindowsEventRecords.flattenXml("<Event><EventData/></Event>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Event.System");
        assertThatThrownBy(() -> WindowsEventRecords.flattenXml("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<Event><System><EventID>&e;</EventID></System></Event>"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
