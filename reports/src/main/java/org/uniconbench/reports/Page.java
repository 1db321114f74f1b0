package org.uniconbench.reports;

import static org.uniconbench.reports.Html.esc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The frame every report page shares: the document head with a Content-Security-Policy that forbids
 * any request and the stylesheet ({@code report.css} beside this class) inlined, so the page stays one
 * self-contained file; sections that fail alone; the end of the document.
 */
final class Page {
    private static final String CSS = readCss();

    private Page() {
    }

    /** Opens the document: doctype, the Content-Security-Policy, title and style. */
    static void head(StringBuilder b, String title) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("img-src data:; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" · UniCon Bench</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
    }

    /** Renders one section; an unreadable optional file shows its error instead of the section. */
    static void section(StringBuilder b, String title, Supplier<String> body) {
        b.append("<section>\n<h2>").append(esc(title)).append("</h2>\n");
        try {
            b.append(body.get());
        } catch (ReportException e) {
            b.append("<p class=\"error\">Could not read this part of the run: ").append(esc(e.getMessage()))
                    .append("</p>\n");
        }
        b.append("</section>\n");
    }

    /** Closes the document. */
    static void end(StringBuilder b) {
        b.append("</body>\n</html>\n");
    }

    private static String readCss() {
        try (InputStream in = Page.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the reports jar");
            }
            String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (css.contains("@import") || css.contains("url(")) {
                throw new IllegalStateException(
                        "report.css must not load anything (@import, url()): the report is one file");
            }
            return css;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report.css", e);
        }
    }
}
