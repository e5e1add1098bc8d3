package dev.vecnn.kernel;

/** How {@link Gemm} computes a product; chosen by {@link GemmPlanner} from the shape and vector width alone. */
enum Formulation {
    /** C of one column: rows of A times the column of op(B), or with A transposed, rows of A scaled and summed. */
    GEMV,
    /** C at most one vector wide, short k, A untransposed: one vector per row of C. */
    NARROW,
    /** A tall A read where it lies by the register tile, only the small op(B) packed. */
    STREAMED,
    /** A untransposed and few columns of C: dot products along k, A read in place. */
    DOT,
    /** Goto/BLIS: blocks of op(A) and op(B) packed into panels and swept by the register tile. */
    PACKED,
    /** PACKED on C^T = op(B)^T op(A)^T, then C^T written back into C: the short side gets the register rows. */
    PACKED_TRANSPOSED
}
