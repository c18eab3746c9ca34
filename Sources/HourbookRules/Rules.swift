import HourbookCore

/// The rules stage: a dataset in, the ledger of every decision and the tally out.
public enum Rules {
    /// Applies every rule of RULES.md to `dataset`.
    public static func evaluate(_ dataset: Dataset) -> (ledger: Ledger, tally: Tally) {
        fatalError("the rules engine lands with issue 3")
    }
}
