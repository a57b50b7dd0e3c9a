package dev.petrel.server.admin;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through chromedriver (Debian's {@code chromium} and {@code
 * chromium-driver}), with a fresh profile. When they are not installed the browser tests are
 * skipped, unless {@code PETREL_TEST_BROWSER=required} (CI) makes that a failure.
 */
final class PanelBrowser implements AutoCloseable {
  private final ChromeDriverService service;
  final ChromeDriver driver;
  final WebDriverWait wait;

  private PanelBrowser(ChromeDriverService service, ChromeDriver driver) {
    this.service = service;
    this.driver = driver;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  /** Starts a browser with its profile under {@code dir}, or skips the test when there is none. */
  static PanelBrowser start(Path dir) {
    Optional<Path> chromium = onPath("chromium").or(() -> onPath("chromium-browser"));
    Optional<Path> chromedriver = onPath("chromedriver");
    if (chromium.isEmpty() || chromedriver.isEmpty()) {
      String missing =
          "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)";
      if ("required".equals(System.getenv("PETREL_TEST_BROWSER"))) {
        throw new IllegalStateException(missing);
      }
      Assumptions.abort(missing);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get().toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + dir.resolve("chromium-profile").toAbsolutePath(),
        "--window-size=1280,1000");
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.get().toFile())
            .usingAnyFreePort()
            .build();
    try {
      return new PanelBrowser(service, new ChromeDriver(service, options));
    } catch (RuntimeException e) {
      service.stop();
      throw e;
    }
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String entry : path.split(File.pathSeparator)) {
      Path candidate = Path.of(entry, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Waits for the element and returns it once visible. */
  WebElement visible(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Waits until the element's text is {@code text}. */
  void waitForText(String css, String text) {
    wait.until(ExpectedConditions.textToBe(By.cssSelector(css), text));
  }

  /** Clicks a button that opens the confirmation dialog, then confirms. */
  void clickAndConfirm(String css) {
    visible(css).click();
    visible("#confirm-ok").click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#confirm")));
  }

  /** Whether no element matches {@code css} (without waiting). */
  boolean absent(String css) {
    return driver.findElements(By.cssSelector(css)).isEmpty();
  }

  /** Opens the panel at {@code url} and signs in with {@code token}. */
  void signIn(String url, String token) {
    driver.get(url + "/admin");
    visible("#token").sendKeys(token);
    visible("#sign-in").click();
    visible("#apps");
  }

  /**
   * The browser console's messages at level SEVERE so far: script errors and
   * Content-Security-Policy violations (failed resource loads, which 4xx API answers cause, are
   * left out).
   */
  java.util.List<String> consoleErrors() {
    return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        // An API answer of 4xx is logged as a failed resource load; the tests check those answers.
        .filter(entry -> !entry.getMessage().contains("Failed to load resource"))
        .map(org.openqa.selenium.logging.LogEntry::getMessage)
        .toList();
  }

  /** Saves a screenshot of the page, 1280 px wide, to {@code target}. */
  void screenshot(Path target, int height) {
    screenshot(target, 1280, height);
  }

  /**
   * Saves a screenshot of the page in a window of {@code width} × {@code height} to {@code target}.
   */
  void screenshot(Path target, int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    try {
      Files.createDirectories(target.getParent());
      Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save a screenshot to " + target, e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
