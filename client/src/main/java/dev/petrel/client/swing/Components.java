package dev.petrel.client.swing;

import java.awt.Component;
import java.awt.Container;
import javax.swing.JComponent;

/** Names components so tests (and accessibility tools) can find them in a built panel. */
final class Components {
  private Components() {}

  /** Sets {@code component}'s name and returns it. */
  static <T extends JComponent> T named(T component, String name) {
    component.setName(name);
    return component;
  }

  /** The first descendant of {@code root} named {@code name}, or null. */
  @SuppressWarnings("unchecked")
  static <T extends Component> T find(Container root, String name) {
    for (Component child : root.getComponents()) {
      if (name.equals(child.getName())) {
        return (T) child;
      }
      if (child instanceof Container container) {
        T found = find(container, name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
