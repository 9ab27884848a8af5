package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.SqlNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SQL that points one published view at one colour. Plain Java: it decides, the {@link Publisher} runs it.
 *
 * <p>The view selects exactly the contract's columns, in contract order, each cast to its contract type:
 * {@code CAST(col AS TYPE) AS col} when the colour table has the column, {@code CAST(NULL AS TYPE) AS col} (a
 * typed NULL) when it does not, so rolling back to a colour that predates a column keeps consumers' queries
 * working. Then {@code '<releaseId>' AS release_id}.
 *
 * <p>A view is created only on first publish ({@code CREATE VIEW}) and repointed with {@code ALTER VIEW ... AS}
 * afterwards, never with {@code CREATE OR REPLACE VIEW}: that drops and recreates the view, so on Unity Catalog its
 * grants are lost, and readers querying at that moment find no view at all.
 */
public final class ViewSql {

    private ViewSql() {
    }

    /**
     * The statement pointing {@code view} at the colour of {@code layout}.
     *
     * @param contract      the consumer contract
     * @param view          a view of the contract
     * @param layout        the colour whose table the view is to read
     * @param actualColumns the columns the colour's source table has: name → Spark SQL type (e.g. from
     *                      {@code DataType.sql()}); names compare case-insensitively, as Spark's do
     * @param releaseId     the release the colour serves, exposed as {@value Contract#RELEASE_ID}
     * @param viewExists    whether the published view exists already: {@code ALTER VIEW} if so, else {@code CREATE
     *                      VIEW}
     * @throws ContractViolationException if a contract column exists in the table with a type that does not widen
     *                                    to the contract's
     * @throws ContractException          if the contract has no such view
     */
    public static String statement(Contract contract, String view, ColourLayout layout,
                                   Map<String, String> actualColumns, String releaseId, boolean viewExists) {
        return new Switch(publishedName(layout, view), viewExists, select(contract, view, layout, actualColumns,
                releaseId), false).statement();
    }

    /**
     * How one view is pointed at a colour: {@code CREATE VIEW} when it does not exist yet, else {@code ALTER VIEW}.
     *
     * @param name   the view's qualified name
     * @param exists whether the view exists (then it is altered, never replaced)
     * @param select the query it is to hold
     * @param adopt  whether the existing view records no owner yet (published before views recorded one), so this
     *               publisher marks it as its own after switching it
     */
    public record Switch(String name, boolean exists, String select, boolean adopt) {
        /** The SQL statement of the switch. */
        public String statement() {
            return (exists ? "ALTER VIEW " : "CREATE VIEW ") + name + " AS " + select;
        }
    }

    /** {@code <publishedSchema>.<view>}, the name consumers query. */
    public static String publishedName(ColourLayout layout, String view) {
        return layout.publishedSchema() + "." + view;
    }

    /** {@code SELECT <contract columns>, '<releaseId>' AS release_id FROM <colour schema>.<source table>}. */
    public static String select(Contract contract, String view, ColourLayout layout,
                                Map<String, String> actualColumns, String releaseId) {
        Contract.View v = contract.view(view).orElseThrow(() -> PublishErrors.noSuchView(view, contract));
        return "SELECT " + String.join(", ", selectList(v, layout, actualColumns, releaseId))
                + " FROM " + layout.qualifiedTable(v.sourceTable());
    }

    /** The select list, one expression per contract column, then the release id. */
    static List<String> selectList(Contract.View view, ColourLayout layout, Map<String, String> actualColumns,
                                   String releaseId) {
        Map<String, String> actual = new HashMap<>();
        actualColumns.forEach((name, type) -> actual.put(name.toLowerCase(Locale.ROOT), type));
        List<String> out = new ArrayList<>();
        List<String> incompatible = new ArrayList<>();
        for (Contract.Column c : view.columns()) {
            String has = actual.get(c.name());
            if (has == null) {
                out.add("CAST(NULL AS " + c.type() + ") AS " + c.name());
            } else {
                if (!SqlTypes.widensTo(has, c.type())) {
                    incompatible.add(c.name() + " is " + SqlTypes.normalise(has) + " where the contract says "
                            + c.type());
                }
                out.add("CAST(" + c.name() + " AS " + c.type() + ") AS " + c.name());
            }
        }
        if (!incompatible.isEmpty()) {
            throw PublishErrors.colourViolatesContract(view, layout.qualifiedTable(view.sourceTable()), incompatible);
        }
        out.add(literal(releaseId) + " AS " + Contract.RELEASE_ID);
        return out;
    }

    /** The release id as a Spark SQL string literal ({@link SqlNames#stringLiteral}); a blank one is refused. */
    static String literal(String value) {
        if (value == null || value.isBlank()) {
            throw PublishErrors.noReleaseId();
        }
        return SqlNames.stringLiteral(value);
    }
}
