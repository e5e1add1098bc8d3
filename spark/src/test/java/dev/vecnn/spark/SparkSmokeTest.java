package dev.vecnn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class SparkSmokeTest {
    @Test
    void aLocalContextRunsTasks() {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("smoke").set("spark.ui.enabled", "false");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            assertEquals(List.of(2, 4, 6), sc.parallelize(List.of(1, 2, 3), 3).map(x -> 2 * x).collect());
        }
    }
}
