package org.timesmith.core.reader.evtx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.timesmith.core.reader.WindowsEventXml;
import org.timesmith.core.reader.WindowsEventXml.Element;

/**
 * Reads the Binary XML of one chunk: element, attribute, value, entity and substitution tokens into a
 * node tree, template definitions (cached by their chunk offset, as the chunk's template table points at
 * them) and template instances, whose values fill the template's substitutions. Names and templates live
 * once per chunk and are referred to by offset, so the caches are dropped with the chunk.
 */
final class BinXmlParser {

    /** Nested fragments (a Binary XML value holding a template instance …) deeper than this are refused. */
    private static final int MAX_DEPTH = 16;
    private static final int MAX_VALUES = 4096;
    /** Event XML is a few levels deep; a deeper tree is damage, and would only exhaust the stack. */
    private static final int MAX_ELEMENT_DEPTH = 64;

    private final byte[] data;
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, List<Node>> templates = new HashMap<>();

    /** A parsed token tree; substitutions stay placeholders until a template instance fills them. */
    sealed interface Node {
    }

    /** An element of a template or record, its content still holding placeholders. */
    record ElementNode(String name, List<AttributeNode> attributes, List<Node> content) implements Node {
    }

    /** An attribute: its value is a run of text and substitutions, joined when instantiated. */
    record AttributeNode(String name, List<Node> value) {
    }

    /** Literal text: a value token, CDATA, or a resolved character or entity reference. */
    record TextNode(String text) implements Node {
    }

    /** Where the template instance's value number {@code index} goes. */
    record SubstitutionNode(int index, int type, boolean optional) implements Node {
    }

    /** Elements a template instance inside the stream already produced. */
    record ResolvedNode(List<Element> elements) implements Node {
    }

    /** A Binary XML substitution value: elements to splice in, not text. */
    record Fragment(List<Element> elements) {
    }

    BinXmlParser(byte[] chunk) {
        this.data = chunk;
    }

    /** The elements of a record's Binary XML between {@code start} and {@code end} (chunk offsets). */
    List<Element> record(int start, int end) {
        return instantiate(parse(start, end, false, 0), List.of());
    }

    private List<Node> parse(int start, int end, boolean dependencyIdentifier, int depth) {
        if (depth > MAX_DEPTH) {
            throw new EvtxFormatException("Binary XML nested more than " + MAX_DEPTH + " levels deep");
        }
        List<Node> top = new ArrayList<>();
        Deque<OpenElement> open = new ArrayDeque<>();
        int pos = start;
        while (pos < end) {
            int token = EvtxBytes.u8(data, pos);
            int at = pos;
            pos++;
            switch (token & 0xBF) {
                case 0x00 -> {
                    if (!open.isEmpty()) {
                        throw new EvtxFormatException("end of Binary XML at 0x" + Integer.toHexString(at)
                                + " inside element " + open.peek().name);
                    }
                    return top;
                }
                case 0x01 -> {
                    pos += dependencyIdentifier ? 2 : 0;
                    long size = EvtxBytes.u32(data, pos);
                    EvtxBytes.require(pos + 4, size, data.length, "element");
                    int[] next = new int[1];
                    String name = name(pos + 4, next);
                    pos = next[0] + ((token & 0x40) != 0 ? 4 : 0);
                    if (open.size() >= MAX_ELEMENT_DEPTH) {
                        throw new EvtxFormatException("elements nested more than " + MAX_ELEMENT_DEPTH
                                + " deep at chunk offset 0x" + Integer.toHexString(at));
                    }
                    open.push(new OpenElement(name));
                }
                case 0x02 -> current(open, at).inAttribute = false;
                case 0x03, 0x04 -> {
                    OpenElement closed = current(open, at);
                    open.pop();
                    ElementNode node = new ElementNode(closed.name, closed.attributes, closed.content);
                    (open.isEmpty() ? top : open.peek().content).add(node);
                }
                case 0x05 -> {
                    int type = EvtxBytes.u8(data, pos);
                    if (type != BinXmlValues.STRING) {
                        throw new EvtxFormatException("value token of type 0x" + Integer.toHexString(type)
                                + " at 0x" + Integer.toHexString(at) + " (only strings are defined)");
                    }
                    int chars = EvtxBytes.u16(data, pos + 1);
                    target(open, top).add(new TextNode(EvtxBytes.utf16(data, pos + 3, chars, end)));
                    pos += 3 + 2 * chars;
                }
                case 0x06 -> {
                    OpenElement element = current(open, at);
                    int[] next = new int[1];
                    String name = name(pos, next);
                    pos = next[0];
                    element.attributes.add(new AttributeNode(name, new ArrayList<>()));
                    element.inAttribute = true;
                }
                case 0x07 -> {
                    int chars = EvtxBytes.u16(data, pos);
                    target(open, top).add(new TextNode(EvtxBytes.utf16(data, pos + 2, chars, end)));
                    pos += 2 + 2 * chars;
                }
                case 0x08 -> {
                    target(open, top).add(new TextNode(String.valueOf((char) EvtxBytes.u16(data, pos))));
                    pos += 2;
                }
                case 0x09 -> {
                    int[] next = new int[1];
                    target(open, top).add(new TextNode(entity(name(pos, next))));
                    pos = next[0];
                }
                case 0x0A -> {
                    int[] next = new int[1];
                    name(pos, next);
                    pos = next[0];
                }
                case 0x0B -> pos += 2 + 2 * EvtxBytes.u16(data, pos);
                case 0x0C -> {
                    int[] next = new int[1];
                    target(open, top).add(new ResolvedNode(templateInstance(pos, end, depth, next)));
                    pos = next[0];
                }
                case 0x0D, 0x0E -> {
                    target(open, top).add(new SubstitutionNode(EvtxBytes.u16(data, pos), EvtxBytes.u8(data, pos + 2),
                            token == 0x0E));
                    pos += 3;
                }
                case 0x0F -> pos += 3;
                default -> throw new EvtxFormatException("unknown Binary XML token 0x" + Integer.toHexString(token)
                        + " at chunk offset 0x" + Integer.toHexString(at));
            }
        }
        if (!open.isEmpty()) {
            throw new EvtxFormatException("Binary XML ends inside element " + open.peek().name);
        }
        return top;
    }

    private static OpenElement current(Deque<OpenElement> open, int at) {
        if (open.isEmpty()) {
            throw new EvtxFormatException("Binary XML token at chunk offset 0x" + Integer.toHexString(at)
                    + " outside any element");
        }
        return open.peek();
    }

    /** Where a value token goes: the attribute being read, the element's content, or the top level. */
    private static List<Node> target(Deque<OpenElement> open, List<Node> top) {
        if (open.isEmpty()) {
            return top;
        }
        OpenElement element = open.peek();
        return element.inAttribute ? element.attributes.getLast().value() : element.content;
    }

    /** An element being read: its attributes so far, its content, and whether values go to an attribute. */
    private static final class OpenElement {
        final String name;
        final List<AttributeNode> attributes = new ArrayList<>();
        final List<Node> content = new ArrayList<>();
        boolean inAttribute;

        OpenElement(String name) {
            this.name = name;
        }
    }

    /**
     * A name reference at {@code pos}: a chunk offset, followed by the name itself when it points right
     * behind itself (the name's first use in the chunk); {@code next[0]} is set to the following byte.
     */
    private String name(int pos, int[] next) {
        int offset = EvtxBytes.i32(data, pos);
        String name = nameAt(offset);
        next[0] = offset == pos + 4 ? pos + 4 + 8 + 2 * name.length() + 2 : pos + 4;
        return name;
    }

    private String nameAt(int offset) {
        String known = names.get(offset);
        if (known != null) {
            return known;
        }
        EvtxBytes.require(offset, 8, data.length, "name");
        String name = EvtxBytes.utf16(data, offset + 8, EvtxBytes.u16(data, offset + 6), data.length);
        names.put(offset, name);
        return name;
    }

    private static String entity(String name) {
        return switch (name) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> "&" + name + ";";
        };
    }

    /** A template instance at {@code pos} (after its token): its definition, then its values. */
    private List<Element> templateInstance(int pos, int end, int depth, int[] next) {
        int definition = EvtxBytes.i32(data, pos + 5);
        int at = pos + 9;
        EvtxBytes.require(definition, 24, data.length, "template definition");
        long size = EvtxBytes.u32(data, definition + 20);
        EvtxBytes.require(definition + 24, size, data.length, "template definition");
        List<Node> template = templates.get(definition);
        if (template == null) {
            template = parse(definition + 24, definition + 24 + (int) size, true, depth + 1);
            templates.put(definition, template);
        }
        if (definition == at) {
            at = definition + 24 + (int) size;
        }
        long count = EvtxBytes.u32(data, at);
        if (count > MAX_VALUES || at + 4 + 4 * count > end) {
            throw new EvtxFormatException("template instance at chunk offset 0x" + Integer.toHexString(pos - 1)
                    + " declares " + count + " values, more than its record holds");
        }
        int valueAt = at + 4 + 4 * (int) count;
        List<Object> values = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int size16 = EvtxBytes.u16(data, at + 4 + 4 * i);
            int type = EvtxBytes.u8(data, at + 4 + 4 * i + 2);
            EvtxBytes.require(valueAt, size16, end, "substitution value " + i);
            values.add(type == BinXmlValues.BINXML
                    ? new Fragment(instantiate(parse(valueAt, valueAt + size16, false, depth + 1), List.of()))
                    : BinXmlValues.decode(type, data, valueAt, size16));
            valueAt += size16;
        }
        next[0] = valueAt;
        return instantiate(template, values);
    }

    private List<Element> instantiate(List<Node> nodes, List<Object> values) {
        List<Element> elements = new ArrayList<>();
        for (Node node : nodes) {
            if (node instanceof ElementNode element) {
                elements.addAll(instantiate(element, values));
            } else if (node instanceof ResolvedNode resolved) {
                elements.addAll(resolved.elements());
            } else if (node instanceof SubstitutionNode substitution
                    && value(values, substitution.index()) instanceof Fragment fragment) {
                elements.addAll(fragment.elements());
            }
        }
        return elements;
    }

    /** An element whose content is an array substitution repeats once per item (none: one empty element). */
    private List<Element> instantiate(ElementNode node, List<Object> values) {
        for (Node item : node.content()) {
            if (item instanceof SubstitutionNode substitution
                    && values.size() > substitution.index()
                    && values.get(substitution.index()) instanceof List<?> items) {
                List<Element> copies = new ArrayList<>();
                for (Object value : items) {
                    copies.add(build(node, values, substitution.index(), value));
                }
                if (copies.isEmpty()) {
                    copies.add(build(node, values, substitution.index(), null));
                }
                return copies;
            }
        }
        return List.of(build(node, values, -1, null));
    }

    private Element build(ElementNode node, List<Object> values, int overridden, Object override) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (AttributeNode attribute : node.attributes()) {
            Object value = joined(attribute.value(), values, overridden, override);
            if (value != null) {
                attributes.put(attribute.name(), value);
            }
        }
        List<Object> content = new ArrayList<>();
        for (Node item : node.content()) {
            switch (item) {
                case ElementNode child -> content.addAll(instantiate(child, values));
                case ResolvedNode resolved -> content.addAll(resolved.elements());
                case TextNode text -> content.add(text.text());
                case SubstitutionNode substitution -> {
                    Object value = substitution.index() == overridden ? override : value(values, substitution.index());
                    if (value instanceof Fragment fragment) {
                        content.addAll(fragment.elements());
                    } else if (value instanceof List<?> list) {
                        content.add(String.join(",", list.stream().map(String::valueOf).toList()));
                    } else if (value != null) {
                        content.add(value);
                    }
                }
            }
        }
        return new Element(node.name(), attributes, content);
    }

    /** An attribute's value: its one part as typed, several as text, null when every part is null. */
    private Object joined(List<Node> parts, List<Object> values, int overridden, Object override) {
        List<Object> resolved = new ArrayList<>(parts.size());
        for (Node part : parts) {
            Object value = switch (part) {
                case TextNode t -> t.text();
                case SubstitutionNode s -> s.index() == overridden ? override : value(values, s.index());
                default -> null;
            };
            if (value instanceof List<?> list) {
                value = String.join(",", list.stream().map(String::valueOf).toList());
            }
            if (!(value instanceof Fragment)) {
                resolved.add(value);
            }
        }
        return WindowsEventXml.textValue(resolved);
    }

    private static Object value(List<Object> values, int index) {
        return index < values.size() ? values.get(index) : null;
    }
}
