package io.lightcat.alerts.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard page and its assets, served from the classpath on a real server on loopback. */
class DashboardRoutesTest {
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(?:src|href)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

  private HttpServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    server = HttpServer.start(0, List.of(new DashboardRoutes()));
    api = new ApiClient(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static List<String> references(String html) {
    List<String> found = new ArrayList<>();
    Matcher m = REFERENCE.matcher(html);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void rootServesThePageAsHtmlWithAStrictContentSecurityPolicy() throws Exception {
    // when
    HttpResponse<String> page = api.get("/");

    // then
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue(DashboardRoutes.CONTENT_SECURITY_POLICY);
    assertThat(DashboardRoutes.CONTENT_SECURITY_POLICY)
        .contains("script-src 'self'", "connect-src 'self'")
        .doesNotContain("unsafe-eval", "script-src 'self' 'unsafe-inline'");
    assertThat(page.body())
        .contains("<title>LIGHTCAT", "Operations", "Payment Flow", "Game Performance")
        .doesNotContain("{{uplot}}");
  }

  @Test
  void thePageReferencesNothingOnAnotherHost() throws Exception {
    // when
    String html = api.get("/").body();

    // then: every src and href is a path on this server (or an inline data: icon)
    List<String> refs = references(html);
    assertThat(refs).isNotEmpty();
    assertThat(refs)
        .allSatisfy(
            ref ->
                assertThat(ref.startsWith("/") && !ref.startsWith("//") || ref.startsWith("data:"))
                    .as("%s is a same-origin path", ref)
                    .isTrue());
    assertThat(html).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://");
  }

  @Test
  void everyScriptAndStylesheetThePageNamesIsServedWithItsContentType() throws Exception {
    // given
    List<String> assets =
        references(api.get("/").body()).stream()
            .filter(r -> r.endsWith(".js") || r.endsWith(".css"))
            .toList();
    assertThat(assets)
        .contains("/assets/dashboard.js", "/assets/dashboard.css")
        .anySatisfy(
            r -> assertThat(r).matches("/webjars/uplot/[0-9.]+/dist/uPlot\\.iife\\.min\\.js"))
        .anySatisfy(r -> assertThat(r).matches("/webjars/uplot/[0-9.]+/dist/uPlot\\.min\\.css"));

    for (String asset : assets) {
      // when
      HttpResponse<String> response = api.get(asset);

      // then
      assertThat(response.statusCode()).as(asset).isEqualTo(200);
      String expected = asset.endsWith(".js") ? "javascript" : "text/css";
      assertThat(response.headers().firstValue("Content-Type"))
          .as(asset)
          .hasValueSatisfying(t -> assertThat(t).contains(expected));
      assertThat(response.body()).as(asset).isNotBlank();
    }
  }

  @Test
  void theDashboardScriptWritesNoHtmlAndCallsNoOtherHost() throws Exception {
    // when
    String script = api.get("/assets/dashboard.js").body();
    String styles = api.get("/assets/dashboard.css").body();

    // then: data from events reaches the page as text only, and everything stays on this origin
    assertThat(script)
        .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")
        .contains("textContent")
        .doesNotContain("http://", "https://");
    assertThat(styles).doesNotContain("http://", "https://", "@import", "url(");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/assets/index.html", "/assets/nothing.js", "/dashboard/index.html"})
  void unknownAssetsAre404AsJson(String path) throws Exception {
    // when
    HttpResponse<String> response = api.get(path);

    // then: the page template is not an asset, and misses answer like every other 404
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(ApiClient.body(response).path("status").asInt()).isEqualTo(404);
  }
}
