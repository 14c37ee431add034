/// Typed text as a speech recogniser gives it: lower case, apostrophes dropped ("don't" → "dont"), other punctuation,
/// symbols and emoji replaced by spaces, whitespace collapsed. The same transform as `training/features.py`'s
/// `asr_form`, used to test that the model holds up on transcripts.
public func speechTranscriptForm(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.lowercased().unicodeScalars {
        if TextFeatures.isApostrophe(scalar) { continue }
        let isGap: Bool
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
            .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format, .surrogate, .privateUse, .unassigned:
            isGap = true
        default:
            isGap = false
        }
        if isGap {
            pendingSpace = !out.isEmpty
        } else {
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
    }
    return String(out)
}
