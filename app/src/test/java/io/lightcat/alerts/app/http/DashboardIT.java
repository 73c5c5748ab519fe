package io.lightcat.alerts.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightcat.alerts.app.DemoStack;
import io.lightcat.alerts.app.FreePorts;
import io.lightcat.alerts.app.cli.AlertEngineCommand;
import io.lightcat.alerts.app.cli.DemoCommand;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser against a real demo (in-process KRaft broker, engine, notifier,
 * simulator), with an API token: headless Debian Chromium driven by Selenium through the local
 * chromedriver (never a downloaded one) sees the tiles fill with numbers and the first incident's
 * alert fire, acknowledges it (giving the token the page asks for), sees it acknowledged, and
 * leaves a screenshot in {@code target/screenshots/dashboard.png} (plus a narrow and a dark one).
 * The same running engine's endpoints are held to {@code /openapi.json}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DashboardIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String TOKEN = "dashboard-it-token";

  private DemoStack demo;
  private ApiClient api;

  @BeforeAll
  void startDemo(@TempDir Path stateDir) {
    String[] args = {
      "demo",
      "--rules",
      "../alert-rules/lightcat",
      "--kafka-port",
      String.valueOf(FreePorts.next()),
      "--http-port",
      String.valueOf(FreePorts.next()),
      "--state-dir",
      stateDir.toString(),
      "--topic-prefix",
      "dashboard-it.",
      "--seed",
      "5",
      "--first-incident-after",
      "5s",
      "--api-token",
      TOKEN
    };
    DemoCommand command =
        AlertEngineCommand.commandLine()
            .parseArgs(args)
            .subcommand()
            .commandSpec()
            .commandLine()
            .getCommand();
    demo = command.start();
    api = new ApiClient(demo.node().httpPort());
  }

  @AfterAll
  void stopDemo() throws Exception {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void theOpenApiDocumentDescribesExactlyTheRunningEnginesEndpoints() throws Exception {
    // when
    JsonNode document = ApiClient.body(api.get("/openapi.json"));

    // then
    assertThat(OpenApiDocumentTest.operations(document))
        .isEqualTo(new TreeSet<>(demo.node().httpEndpoints()));
  }

  @Test
  void anOnCallEngineerSeesFiguresAndAFiringAlertAndAcknowledgesIt() throws Exception {
    WebDriver browser = startBrowser();
    try {
      // given the page
      browser.get("http://localhost:" + demo.node().httpPort() + "/");
      WebDriverWait wait =
          new WebDriverWait(browser, Duration.ofMinutes(3), Duration.ofMillis(250));

      // then the tiles of all three dashboards show numbers, and the charts draw
      for (String tile :
          List.of(
              "[data-board=operations] [data-field=activeUsers]",
              "[data-board=operations] [data-field=responseTimeMs]",
              "[data-board=payments] [data-field=totalToday]",
              "[data-board=game] [data-field=activePlayers]")) {
        wait.until(
            ExpectedConditions.textMatches(
                By.cssSelector(tile + " .tile-value"), java.util.regex.Pattern.compile("\\d")));
      }
      wait.until(
          ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("[data-board=operations] [data-field=errorRate] .spark canvas")));
      assertThat(browser.findElement(By.id("connection")).getAttribute("data-state"))
          .isEqualTo("live");

      // and the first incident's alert is listed as firing, P1 on top
      By firing =
          By.cssSelector(
              "#firing-alerts li.alert[data-status=firing][data-severity=P1][data-acknowledged=false]");
      WebElement alert = wait.until(ExpectedConditions.presenceOfElementLocated(firing));
      String fingerprint = alert.getAttribute("data-fingerprint");
      assertThat(
              browser
                  .findElements(By.cssSelector("#firing-alerts li.alert"))
                  .get(0)
                  .getAttribute("data-severity"))
          .isEqualTo("P1");
      assertThat(alert.findElement(By.cssSelector(".alert-summary-text")).getText()).isNotBlank();

      // when the engineer clicks Ack, the page asks for the API token once
      By row = By.cssSelector("li.alert[data-fingerprint='" + fingerprint + "']");
      wait.until(
              ExpectedConditions.elementToBeClickable(
                  By.cssSelector("li.alert[data-fingerprint='" + fingerprint + "'] .ack-button")))
          .click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")))
          .sendKeys(TOKEN);
      browser.findElement(By.id("by-input")).sendKeys("selenium");
      browser.findElement(By.id("token-submit")).click();

      // then the alert shows as acknowledged, from the engine's own alert state
      wait.until(
          ExpectedConditions.attributeToBe(
              By.cssSelector(
                  "li.alert[data-fingerprint='" + fingerprint + "'][data-status=firing]"),
              "data-acknowledged",
              "true"));
      assertThat(browser.findElement(row).findElement(By.cssSelector(".alert-ack-state")).getText())
          .startsWith("Acknowledged by selenium");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                JsonNode acked = alertByFingerprint(fingerprint);
                assertThat(acked.path("acknowledged").path("by").asText()).isEqualTo("selenium");
              });
      String storedToken =
          (String)
              ((JavascriptExecutor) browser)
                  .executeScript("return sessionStorage.getItem('lightcat.apiToken')");
      assertThat(storedToken).isEqualTo(TOKEN);

      // and the browser refused nothing the page loaded
      List<String> refused =
          browser.manage().logs().get(LogType.BROWSER).getAll().stream()
              .map(LogEntry::getMessage)
              .filter(m -> m.contains("Content Security Policy") || m.contains("Refused"))
              .toList();
      assertThat(refused).isEmpty();

      screenshot(browser, "dashboard.png");
      // the same page as a phone shows it, and in the dark scheme, for people to look at
      browser.manage().window().setSize(new Dimension(420, 1800));
      screenshot(browser, "dashboard-narrow.png");
      browser.manage().window().setSize(new Dimension(1440, 1200));
      ((ChromeDriver) browser)
          .executeCdpCommand(
              "Emulation.setEmulatedMedia",
              Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
      screenshot(browser, "dashboard-dark.png");
    } finally {
      browser.quit();
    }
  }

  private JsonNode alertByFingerprint(String fingerprint) throws Exception {
    for (JsonNode a : ApiClient.body(api.get("/api/alerts")).path("alerts")) {
      if (fingerprint.equals(a.path("fingerprint").asText())) {
        return a;
      }
    }
    throw new AssertionError("no alert " + fingerprint + " in /api/alerts");
  }

  private static WebDriver startBrowser() {
    List<String> missing =
        List.of(CHROMIUM, CHROMEDRIVER).stream()
            .filter(p -> !Files.isExecutable(p))
            .map(Path::toString)
            .toList();
    assertThat(missing)
        .as(
            "the browser test needs headless Chromium and its driver: install the Debian packages"
                + " chromium and chromium-driver (.ci/run does)")
        .isEmpty();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1440,1200");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    // The local driver, given explicitly: Selenium Manager never runs, nothing is downloaded.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  private static void screenshot(WebDriver browser, String name) throws Exception {
    File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Path dir = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    Files.createDirectories(dir);
    Files.copy(shot.toPath(), dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
