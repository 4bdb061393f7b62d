package org.timesmith.core.reader;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A Windows event record as an element tree, the one shape both Windows paths meet in: the {@code .evtx}
 * reader builds it from Binary XML with typed values, plaso's {@code xml_string} is parsed into it with
 * text values. From the tree come the record's XML text ({@link #toXml}) and the {@code Event.System.*}
 * / {@code Event.EventData.*} map evtx dumpers write as JSON ({@link #toRecordMap}), which {@link
 * WindowsEventRecords#flatten} turns into Sigma's field names, so every path gets the same fields from
 * the same code.
 */
public final class WindowsEventXml {

    /** Element names that may repeat inside one parent and still be told apart by their {@code Name}. */
    private static final String DATA = "Data";
    private static final String ATTRIBUTES = "#attributes";
    private static final String TEXT = "#text";

    private WindowsEventXml() {
    }

    /**
     * One element: its attributes (typed values, null for none) and its content in order, each item a
     * child {@code Element} or a value (String, Long, BigInteger, Double, Boolean).
     */
    public record Element(String name, Map<String, Object> attributes, List<Object> content) {

        /** The child elements, without the text. */
        public List<Element> children() {
            List<Element> children = new ArrayList<>();
            for (Object item : content) {
                if (item instanceof Element child) {
                    children.add(child);
                }
            }
            return children;
        }

        /** The first child of this name, or null. */
        public Element child(String childName) {
            for (Object item : content) {
                if (item instanceof Element child && child.name.equals(childName)) {
                    return child;
                }
            }
            return null;
        }

        /** The text content: the single value as it is typed, several joined as text, null when none. */
        public Object value() {
            return textValue(content);
        }
    }

    /**
     * What a run of content items says as one value: the single value as it is typed, several joined
     * as text, null when there is none; child elements and nulls are passed over.
     */
    public static Object textValue(List<?> items) {
        Object single = null;
        StringBuilder joined = null;
        for (Object item : items) {
            if (item instanceof Element || item == null) {
                continue;
            }
            if (single == null && joined == null) {
                single = item;
            } else {
                if (joined == null) {
                    joined = new StringBuilder(String.valueOf(single));
                }
                joined.append(item);
            }
        }
        return joined != null ? joined.toString() : single;
    }

    /**
     * Parses an event's XML text (plaso's {@code xml_string}) into its element tree; values stay text.
     *
     * @throws IllegalArgumentException when the text is not well-formed XML
     */
    public static Element parse(String xml) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                        return element(reader);
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not well-formed XML: no element");
    }

    private static Element element(XMLStreamReader reader) throws XMLStreamException {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = reader.getNamespacePrefix(i);
            attributes.put(prefix == null || prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix, reader.getNamespaceURI(i));
        }
        Element element = new Element(reader.getLocalName(), attributes, new ArrayList<>());
        StringBuilder text = new StringBuilder();
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    flushText(text, element, false);
                    element.content().add(element(reader));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE,
                     XMLStreamConstants.ENTITY_REFERENCE -> text.append(reader.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    flushText(text, element, true);
                    return element;
                }
                default -> {
                }
            }
        }
        throw new XMLStreamException("element " + element.name() + " is not closed");
    }

    /** Text between child elements is layout (indentation); text of a leaf element is its value. */
    private static void flushText(StringBuilder text, Element element, boolean atEnd) {
        if (!text.isEmpty()) {
            if (!text.toString().isBlank() || atEnd && element.content().isEmpty()) {
                element.content().add(text.toString());
            }
            text.setLength(0);
        }
    }

    /**
     * The record in the JSON shape evtx dumpers write, {@code {"Event": {"#attributes": …, "System":
     * {…}, "EventData": {…}}}}: an element with only a value is that value, one with attributes is
     * {@code {"#attributes": …, "#text": value}}, an empty one null; {@code Data} elements with a
     * {@code Name} become that name's value, unnamed ones a {@code Data.#text} list; other repeated
     * names get {@code _1}, {@code _2} … as evtx_dump does.
     */
    public static Map<String, Object> toRecordMap(Element root) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(root.name(), jsonValue(root));
        return record;
    }

    private static Object jsonValue(Element element) {
        Map<String, Object> attributes = presentAttributes(element);
        List<Element> children = element.children();
        if (children.isEmpty()) {
            Object value = element.value();
            if (attributes.isEmpty()) {
                return value;
            }
            Map<String, Object> node = new LinkedHashMap<>();
            node.put(ATTRIBUTES, attributes);
            if (value != null) {
                node.put(TEXT, value);
            }
            return node;
        }
        Map<String, Object> node = new LinkedHashMap<>();
        if (!attributes.isEmpty()) {
            node.put(ATTRIBUTES, attributes);
        }
        List<Object> unnamedData = new ArrayList<>();
        for (Element child : children) {
            Object name = child.attributes().get("Name");
            if (child.name().equals(DATA) && name != null) {
                putUnique(node, name.toString(), child.value());
            } else if (child.name().equals(DATA) && presentAttributes(child).isEmpty() && child.children().isEmpty()) {
                unnamedData.add(child.value() == null ? "" : child.value());
            } else {
                putUnique(node, child.name(), jsonValue(child));
            }
        }
        if (!unnamedData.isEmpty()) {
            putUnique(node, DATA, Map.of(TEXT, unnamedData.size() == 1 ? unnamedData.getFirst() : unnamedData));
        }
        return node;
    }

    private static Map<String, Object> presentAttributes(Element element) {
        Map<String, Object> present = new LinkedHashMap<>();
        element.attributes().forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        return present;
    }

    private static void putUnique(Map<String, Object> node, String name, Object value) {
        String key = name;
        for (int n = 1; node.containsKey(key); n++) {
            key = name + "_" + n;
        }
        node.put(key, value);
    }

    /**
     * The record's data values in order, as text (plaso's {@code strings}): every {@code EventData}
     * {@code Data} value (empty for an empty one, so positions hold), and every {@code UserData} leaf
     * that has a value.
     */
    public static List<String> strings(Element root) {
        List<String> strings = new ArrayList<>();
        Element eventData = root.child("EventData");
        if (eventData != null) {
            for (Element data : eventData.children()) {
                if (data.name().equals(DATA)) {
                    strings.add(data.value() == null ? "" : data.value().toString());
                }
            }
        }
        Element userData = root.child("UserData");
        if (userData != null) {
            collectLeaves(userData, strings);
        }
        return strings;
    }

    private static void collectLeaves(Element element, List<String> strings) {
        for (Element child : element.children()) {
            if (!child.children().isEmpty()) {
                collectLeaves(child, strings);
            } else if (child.value() != null) {
                strings.add(child.value().toString());
            }
        }
    }

    /**
     * The record as indented XML text, values rendered as evtx dumpers render them; control characters
     * XML 1.0 cannot carry become U+FFFD.
     */
    public static String toXml(Element root) {
        StringBuilder xml = new StringBuilder(1024);
        appendXml(root, 0, xml);
        return xml.toString();
    }

    private static void appendXml(Element element, int depth, StringBuilder xml) {
        xml.repeat("  ", depth).append('<').append(element.name());
        element.attributes().forEach((name, value) -> {
            if (value != null) {
                xml.append(' ').append(name).append("=\"");
                escape(String.valueOf(value), true, xml);
                xml.append('"');
            }
        });
        List<Element> children = element.children();
        Object value = element.value();
        if (children.isEmpty() && value == null) {
            xml.append("/>\n");
        } else if (children.isEmpty()) {
            xml.append('>');
            escape(String.valueOf(value), false, xml);
            xml.append("</").append(element.name()).append(">\n");
        } else {
            xml.append(">\n");
            for (Element child : children) {
                appendXml(child, depth + 1, xml);
            }
            xml.repeat("  ", depth).append("</").append(element.name()).append(">\n");
        }
    }

    private static void escape(String text, boolean attribute, StringBuilder xml) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append(attribute ? "&quot;" : "\"");
                case '\t', '\n', '\r' -> {
                    // a parser turns a literal CR into LF, and tab or LF in an attribute into a space
                    if (c == '\r' || attribute) {
                        xml.append("&#").append((int) c).append(';');
                    } else {
                        xml.append(c);
                    }
                }
                default -> {
                    // XML 1.0 has no other control characters, not even as references: the text stays
                    // well-formed for the UI, the field itself keeps the exact value
                    xml.append(c < 0x20 || c == 0xFFFE || c == 0xFFFF ? '\uFFFD' : c);
                }
            }
        }
    }
}
