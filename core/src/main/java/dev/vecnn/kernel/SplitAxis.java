package dev.vecnn.kernel;

/**
 * Which axis of C a product that runs on several threads is cut along. The planner's own choice
 * ({@link #EITHER}) weighs packing costs within one product; a caller that runs the same operands
 * through several products and an update can ask for the axis that keeps each part's values on one
 * core from product to product. Only the packed formulation can cut columns; the others always cut
 * rows. The axis never changes a value: every element is computed the same way in any slab.
 */
public enum SplitAxis {
    /** The planner's choice from the product's shape. */
    EITHER,
    /** Slabs of whole rows of C. */
    ROWS,
    /** Slabs of whole columns of C. */
    COLUMNS
}
