/// Reads the common subset of YAML (block mappings and sequences, plain and quoted scalars, flow
/// collections such as JSON) straight from UTF-8 bytes into a ``DocumentTree``.
enum YAMLSubsetReader {
    /// The tree of `text`, exactly as Yams would compose it; `nil` when the text goes beyond the subset
    /// or is not valid YAML, and the caller should let Yams read it (and report its errors).
    static func read(_ text: String) -> DocumentTree? {
        nil
    }
}
