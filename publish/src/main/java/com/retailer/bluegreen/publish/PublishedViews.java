package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.ReleaseLayout;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What each published view serves right now, read from the catalog: the view's stored SQL text
 * ({@code DESCRIBE TABLE EXTENDED}, which every catalog Spark talks to reports verbatim), the colour table it reads
 * and the release id it exposes. Works with whatever catalog the session has (the session catalog, a shared Hive
 * metastore, Unity Catalog); names come from {@link ReleaseLayout} and {@link ColourLayout}.
 */
public final class PublishedViews {
    private static final Pattern FROM = Pattern.compile("\\sFROM\\s+([A-Za-z0-9_.`]+)\\s*$");
    private static final Pattern RELEASE = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'\\s+AS\\s+"
            + Contract.RELEASE_ID + "\\b");

    private PublishedViews() {
    }

    /**
     * One published view as found.
     *
     * @param view        the view's name in the contract
     * @param name        its qualified name, {@code <catalog>.<pipeline>.<view>}
     * @param text        its SQL text; empty if the view does not exist
     * @param sourceTable the qualified table it reads, if the text names one
     * @param colour      the colour whose schema that table is in, if either
     * @param releaseId   the release id it exposes, if the text has one
     */
    public record Serving(String view, String name, Optional<String> text, Optional<String> sourceTable,
                          Optional<Colour> colour, Optional<String> releaseId) {
        public boolean exists() {
            return text.isPresent();
        }
    }

    /** Each of {@code views}, in the order given. */
    public static Map<String, Serving> read(SparkSession spark, ReleaseLayout release,
                                            Map<Colour, ColourLayout> layouts, Collection<String> views) {
        Map<String, Serving> out = new LinkedHashMap<>();
        for (String view : views) {
            String name = release.publishedView(view);
            out.put(view, parse(view, name, viewText(spark, name), layouts));
        }
        return out;
    }

    static Serving parse(String view, String name, Optional<String> text, Map<Colour, ColourLayout> layouts) {
        if (text.isEmpty()) {
            return new Serving(view, name, text, Optional.empty(), Optional.empty(), Optional.empty());
        }
        Matcher from = FROM.matcher(text.get());
        Optional<String> source = from.find() ? Optional.of(from.group(1).replace("`", "")) : Optional.empty();
        Optional<Colour> colour = source.flatMap(s -> layouts.values().stream()
                .filter(l -> s.startsWith(l.qualifiedSchema() + ".")).map(ColourLayout::colour).findFirst());
        Matcher release = RELEASE.matcher(text.get());
        Optional<String> releaseId = release.find()
                ? Optional.of(release.group(1).replaceAll("\\\\(.)", "$1")) : Optional.empty();
        return new Serving(view, name, text, source, colour, releaseId);
    }

    /** The stored SQL text of view {@code name}; empty if there is no such view. */
    static Optional<String> viewText(SparkSession spark, String name) {
        if (!spark.catalog().tableExists(name)) {
            return Optional.empty();
        }
        for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
            if ("View Text".equals(r.getString(0))) {
                return Optional.ofNullable(r.getString(1));
            }
        }
        return Optional.empty();
    }
}
