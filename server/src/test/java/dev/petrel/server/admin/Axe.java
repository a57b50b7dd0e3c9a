package dev.petrel.server.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core, the accessibility checker, run in the page under test: {@code axe.min.js} from Deque's
 * jar on the test class path is injected and {@code axe.run} reports the violations of the WCAG 2.x
 * A and AA rules and the best practices, one line each.
 */
final class Axe {
  private static final String SOURCE = load();

  private Axe() {}

  /** The violations on the page as it is now: {@code rule-id (impact): selector, selector…}. */
  static List<String> violations(JavascriptExecutor page) {
    page.executeScript(SOURCE);
    Object result =
        page.executeAsyncScript(
            """
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then((r) => done(r.violations.map((v) =>
                `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
                + ` — ${v.help}`)))
              .catch((e) => done(['axe failed: ' + e]));
            """);
    return ((List<?>) result).stream().map(String::valueOf).toList();
  }

  private static String load() {
    try (InputStream in = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException("axe.min.js is not on the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read axe.min.js", e);
    }
  }
}
