package com.retailer.bluegreen.layout;

import java.util.List;
import java.util.Objects;

/**
 * The names of one whole pipeline, derived once per command and passed down: both colours' layouts and the
 * publisher's. Nothing below a command derives a layout again.
 *
 * @throws IllegalArgumentException when a layout is of the wrong colour or the colours do not publish into the
 *                                  release layout's schema (another pipeline or catalog)
 */
public record PipelineLayout(ReleaseLayout release, ColourLayout blue, ColourLayout green) {

    public PipelineLayout {
        Objects.requireNonNull(release, "release");
        if (blue == null || blue.colour() != Colour.BLUE || green == null || green.colour() != Colour.GREEN) {
            throw new IllegalArgumentException("A pipeline layout needs blue's and green's own layouts, got "
                    + blue + " and " + green);
        }
        for (ColourLayout l : List.of(blue, green)) {
            if (!release.publishes(l)) {
                throw new IllegalArgumentException(l.jobName() + " does not publish into " + release.publishedSchema()
                        + ": both colours and the publisher must share pipeline and catalog");
            }
        }
    }

    /** The layout of {@code colour}. */
    public ColourLayout colour(Colour colour) {
        return colour == Colour.BLUE ? blue : green;
    }

    /** The layouts of both colours, blue first. */
    public List<ColourLayout> colours() {
        return List.of(blue, green);
    }

    /** The pipeline's name. */
    public String pipeline() {
        return release.pipeline();
    }
}
