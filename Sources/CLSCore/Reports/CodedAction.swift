import Foundation

/// One fiche action as the ISTS reports read it: its identity and its coding on the reading
/// grid of DOMAIN.md §5, as raw stored codes.
///
/// Codes are kept as stored, only trimmed of surrounding spaces: empty codes are dropped from
/// the lists and an empty single value becomes `nil`. Duplicates within a list are kept here
/// and counted once by the reports. Codes unknown to the vocabularies are kept too, so that a
/// report can show them rather than silently lose an action's coding.
public struct CodedAction: Sendable, Equatable, Codable {
    public var id: String
    public var contractId: String
    /// Theme codes (`Theme.code`), several allowed.
    public var themes: [String]
    /// Determinant codes of `ISTSTaxonomy.determinants` ("D2.2.4"), several allowed.
    public var determinants: [String]
    /// Strategy codes of `ISTSTaxonomy.strategies` ("S4.1", or "NS"), several allowed.
    public var strategies: [String]
    /// Public codes (`PublicTarget.code`), several allowed.
    public var publics: [String]
    /// Sector codes (`Sector`, i.e. `CompetenceDomain` raw values), several allowed.
    public var sectors: [String]
    /// `InterventionApproach` raw value, `nil` when not filled in.
    public var approach: String?
    /// `ISTSAim` raw value, `nil` when not filled in.
    public var istsAim: String?
    /// `ParticipationLevel` raw value, `nil` when not filled in.
    public var participation: String?

    public init(
        id: String,
        contractId: String,
        themes: [String] = [],
        determinants: [String] = [],
        strategies: [String] = [],
        publics: [String] = [],
        sectors: [String] = [],
        approach: String? = nil,
        istsAim: String? = nil,
        participation: String? = nil
    ) {
        self.id = id
        self.contractId = contractId
        self.themes = Self.cleaned(themes)
        self.determinants = Self.cleaned(determinants)
        self.strategies = Self.cleaned(strategies)
        self.publics = Self.cleaned(publics)
        self.sectors = Self.cleaned(sectors)
        self.approach = Self.cleaned(approach)
        self.istsAim = Self.cleaned(istsAim)
        self.participation = Self.cleaned(participation)
    }

    /// The coding of a validated fiche action.
    public init(id: String, contractId: String, draft: ActionDraft) {
        self.init(
            id: id,
            contractId: contractId,
            themes: draft.themes,
            determinants: draft.determinants,
            strategies: draft.strategies,
            publics: draft.publics,
            sectors: draft.sectors,
            approach: draft.approach?.rawValue,
            istsAim: draft.istsAim?.rawValue,
            participation: draft.participation?.rawValue
        )
    }

    static func cleaned(_ codes: [String]) -> [String] {
        codes.compactMap { cleaned($0) }
    }

    static func cleaned(_ code: String?) -> String? {
        guard let code, let first = code.unicodeScalars.first, let last = code.unicodeScalars.last else { return nil }
        // Stored codes are already trimmed: skip Foundation's trimming (a region's report cleans
        // some 50,000 codes) unless a blank is there to remove.
        if !first.properties.isWhitespace, !last.properties.isWhitespace { return code }
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
