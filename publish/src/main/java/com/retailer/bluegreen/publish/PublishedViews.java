package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.PipelineLayout;
import com.retailer.bluegreen.layout.ReleaseLayout;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each published view serves right now, read from the {@link Catalog}: the view's stored SQL text, the colour
 * table it reads and the release id it exposes. Names come from {@link PipelineLayout}. Plain Java.
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
     * @param owner       the control table that publishes it ({@link ReleaseLayout#VIEW_OWNER_PROPERTY}), if the
     *                    view records one
     */
    public record Serving(String view, String name, Optional<String> text, Optional<String> sourceTable,
                          Optional<Colour> colour, Optional<String> releaseId, Optional<String> owner) {
        public boolean exists() {
            return text.isPresent();
        }
    }

    /** Each of {@code views}, in the order given. */
    public static Map<String, Serving> read(Catalog catalog, PipelineLayout layouts, Collection<String> views) {
        Map<Colour, ColourLayout> byColour = Map.of(Colour.BLUE, layouts.blue(), Colour.GREEN, layouts.green());
        Map<String, Serving> out = new LinkedHashMap<>();
        for (String view : views) {
            String name = layouts.release().publishedView(view);
            Optional<Catalog.View> found = catalog.view(name);
            out.put(view, parse(view, name, found.map(Catalog.View::text), byColour, found.map(v -> v.properties()
                    .get(ReleaseLayout.VIEW_OWNER_PROPERTY))));
        }
        return out;
    }

    static Serving parse(String view, String name, Optional<String> text, Map<Colour, ColourLayout> layouts) {
        return parse(view, name, text, layouts, Optional.empty());
    }

    private static Serving parse(String view, String name, Optional<String> text, Map<Colour, ColourLayout> layouts,
                                 Optional<String> owner) {
        if (text.isEmpty()) {
            return new Serving(view, name, text, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        Matcher from = FROM.matcher(text.get());
        Optional<String> source = from.find() ? Optional.of(from.group(1).replace("`", "")) : Optional.empty();
        Optional<Colour> colour = source.flatMap(s -> layouts.values().stream()
                .filter(l -> s.startsWith(l.qualifiedSchema() + ".")).map(ColourLayout::colour).findFirst());
        Matcher release = RELEASE.matcher(text.get());
        Optional<String> releaseId = release.find()
                ? Optional.of(release.group(1).replaceAll("\\\\(.)", "$1")) : Optional.empty();
        return new Serving(view, name, text, source, colour, releaseId, owner);
    }
}
