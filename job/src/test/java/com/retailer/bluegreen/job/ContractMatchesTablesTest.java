package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.ContractFile;
import com.retailer.bluegreen.transforms.Features;
import com.retailer.bluegreen.transforms.TableDef;
import com.retailer.bluegreen.transforms.Tables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * conf/contract.yaml promises only columns the colour tables have, with their types: a promotion of a colour built
 * from these table definitions publishes every contract column from data, never a typed NULL. No Spark session.
 */
class ContractMatchesTablesTest {

    @Test
    void everyContractColumnExistsInItsSourceTableWithTheContractType() {
        Path file = Path.of(System.getProperty("basedir", "."), "..", "conf", "contract.yaml").normalize();
        Contract contract = ContractFile.load(file, "publish.contract");
        Map<String, TableDef> tables = Tables.all(Features.NONE).stream().collect(Collectors.toMap(TableDef::name,
                Function.identity()));
        List<String> problems = new ArrayList<>();
        for (Contract.View view : contract.views().values()) {
            TableDef table = tables.get(view.sourceTable());
            if (table == null) {
                problems.add(view.name() + ": no table " + view.sourceTable());
                continue;
            }
            StructType schema = StructType.fromDDL(table.columnsDdl().replace('\n', ' '));
            for (Contract.Column c : view.columns()) {
                String actual = List.of(schema.fields()).stream().filter(f -> f.name().equals(c.name()))
                        .map(StructField::dataType).map(t -> t.sql()).findFirst().orElse("(missing)");
                if (!actual.equals(c.type())) {
                    problems.add(view.name() + "." + c.name() + ": contract " + c.type() + ", table " + actual);
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(contract.views().keySet().containsAll(List.of(Tables.REVENUE, Tables.ON_HAND, Tables.SLA,
                Tables.ORDERS)), "the three Gold tables and Silver orders are published");
    }
}
