/// A contract is signed by the ARS and at least one other party (DOMAIN.md §1).
public enum SignatureReadiness {
    public static func check(signatoryKinds: [OrganisationKind]) throws(SignatureError) {
        guard signatoryKinds.contains(where: \.isARS) else { throw .missingARS }
        guard signatoryKinds.count >= 2 else { throw .tooFewSignatories(signatoryKinds.count) }
    }
}

public enum SignatureError: Error, Equatable, Sendable {
    case missingARS
    case tooFewSignatories(Int)

    public var message: String {
        switch self {
        case .missingARS:
            "Un contrat local de santé est signé par l'ARS : ajoutez l'ARS (ou sa délégation) aux signataires avant de passer à l'état « Signé »."
        case .tooFewSignatories(let count):
            "Un contrat local de santé compte au moins deux signataires (l'ARS et une collectivité) ; il en a \(count). Ajoutez les signataires avant de passer à l'état « Signé »."
        }
    }
}
