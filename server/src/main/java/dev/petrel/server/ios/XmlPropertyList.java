package dev.petrel.server.ios;

import dev.petrel.server.archives.MalformedArchiveException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The XML property list format. Plists carry a DOCTYPE, so one is allowed, but nothing external is
 * ever loaded and no entity is expanded.
 */
final class XmlPropertyList {
  private XmlPropertyList() {}

  static Object parse(byte[] bytes) {
    Element root;
    try {
      root = builder().parse(new ByteArrayInputStream(bytes)).getDocumentElement();
    } catch (SAXException | IOException e) {
      throw new MalformedArchiveException("XML property list: " + e.getMessage(), e);
    }
    if (!root.getTagName().equals("plist")) {
      throw new MalformedArchiveException(
          "XML property list: expected a <plist> root, found <" + root.getTagName() + ">");
    }
    List<Element> children = elements(root);
    if (children.size() != 1) {
      throw new MalformedArchiveException(
          "XML property list: expected one value in <plist>, found " + children.size());
    }
    return value(children.get(0), 0);
  }

  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
    }
  }

  private static Object value(Element element, int depth) {
    if (depth > 64) {
      throw new MalformedArchiveException("XML property list: nested deeper than 64 levels");
    }
    String text = element.getTextContent().strip();
    return switch (element.getTagName()) {
      case "dict" -> dict(element, depth);
      case "array" -> elements(element).stream().map(child -> value(child, depth + 1)).toList();
      case "string" -> element.getTextContent();
      case "integer" -> number(text, Long::parseLong);
      case "real" -> number(text, Double::parseDouble);
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      case "data" -> Base64.getMimeDecoder().decode(text);
      case "date" -> date(text);
      default ->
          throw new MalformedArchiveException(
              "XML property list: unknown element <" + element.getTagName() + ">");
    };
  }

  private static Map<String, Object> dict(Element element, int depth) {
    List<Element> children = elements(element);
    if (children.size() % 2 != 0) {
      throw new MalformedArchiveException("XML property list: a <dict> with a key but no value");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < children.size(); i += 2) {
      Element key = children.get(i);
      if (!key.getTagName().equals("key")) {
        throw new MalformedArchiveException(
            "XML property list: expected <key> in <dict>, found <" + key.getTagName() + ">");
      }
      map.put(key.getTextContent(), value(children.get(i + 1), depth + 1));
    }
    return map;
  }

  private static <T> T number(String text, java.util.function.Function<String, T> parse) {
    try {
      return parse.apply(text);
    } catch (NumberFormatException e) {
      throw new MalformedArchiveException("XML property list: not a number: '" + text + "'");
    }
  }

  private static Instant date(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new MalformedArchiveException("XML property list: not a date: '" + text + "'");
    }
  }

  private static List<Element> elements(Element parent) {
    List<Element> elements = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        elements.add(element);
      }
    }
    return elements;
  }
}
