import FluentKit
import Foundation

/// One line of the audit trail: who did what to which object, when, with old and new values.
/// It keeps no foreign key, so it outlives the objects it speaks of.
public final class AuditEntry: Model, @unchecked Sendable {
    public static let schema = "audit_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "occurred_at") public var occurredAt: Date
    @OptionalField(key: "actor_id") public var actorId: UUID?
    @Field(key: "actor_label") public var actorLabel: String
    @Field(key: "action") public var action: String
    @Field(key: "entity_type") public var entityType: String
    @Field(key: "entity_id") public var entityId: String
    @Field(key: "entity_label") public var entityLabel: String
    @OptionalField(key: "contract_id") public var contractId: UUID?
    /// JSON array of `FieldChange`.
    @Field(key: "changes") public var changesJSON: String

    public init() {}

    public init(actor: Actor, action: AuditAction, entityType: String, entityId: String, entityLabel: String,
                contractId: UUID?, changes: [FieldChange], at moment: Date = Date()) {
        self.occurredAt = moment
        self.actorId = actor.userId
        self.actorLabel = actor.label
        self.action = action.rawValue
        self.entityType = entityType
        self.entityId = entityId
        self.entityLabel = entityLabel
        self.contractId = contractId
        let data = (try? JSONEncoder().encode(changes)) ?? Data("[]".utf8)
        self.changesJSON = String(decoding: data, as: UTF8.self)
    }

    public var changes: [FieldChange] {
        (try? JSONDecoder().decode([FieldChange].self, from: Data(changesJSON.utf8))) ?? []
    }

    public var auditAction: AuditAction? { AuditAction(rawValue: action) }
}

/// What happened. Raw values are stored; labels are what the journal shows.
public enum AuditAction: String, CaseIterable, Sendable {
    case create, update, delete, transition
    case login, loginFailed = "login_failed", logout, passwordChange = "password_change"
    case tokenCreate = "token_create", backupRestore = "restore"

    public var label: String {
        switch self {
        case .create: "Création"
        case .update: "Modification"
        case .delete: "Suppression"
        case .transition: "Changement d'état"
        case .login: "Connexion"
        case .loginFailed: "Échec de connexion"
        case .logout: "Déconnexion"
        case .passwordChange: "Changement de mot de passe"
        case .tokenCreate: "Création de jeton d'API"
        case .backupRestore: "Restauration"
        }
    }
}

/// Entity type codes as the journal names them.
public enum AuditEntityLabels {
    public static func label(_ type: String) -> String {
        switch type {
        case Contract.auditEntityType: "Contrat"
        case Organisation.auditEntityType: "Organisation"
        case User.auditEntityType: "Utilisateur"
        case RoleAssignment.auditEntityType: "Rôle"
        case APIToken.auditEntityType: "Jeton d'API"
        case Signatory.auditEntityType: "Signataire"
        case Partner.auditEntityType: "Partenaire"
        case ContractStateChange.auditEntityType: "Étape du cycle de vie"
        case "session": "Session"
        case "programme_section": "Axe ou objectif"
        case "action": "Fiche action"
        case "budget_line": "Ligne budgétaire"
        case "indicator": "Indicateur"
        case "indicator_value": "Valeur d'indicateur"
        case "action_note": "Note de suivi"
        case "action_attachment": "Pièce jointe"
        case "action_link": "Lien"
        case "regional_theme": "Thème régional"
        case "contract_perimeter": "Périmètre"
        case "territories": "Référentiel territorial"
        case "incomes": "Revenus (Filosofi)"
        case "shapes": "Contours cartographiques"
        case "indicators": "Indicateurs locaux"
        case "reference_import": "Import de référentiel"
        case "governance_body": "Instance de gouvernance"
        case "body_member": "Membre d'instance"
        case "meeting": "Réunion"
        case "meeting_attendance": "Participation à une réunion"
        case "decision": "Décision"
        case "coordinator_post": "Poste de coordination"
        case "post_funding": "Financement du poste"
        case "annual_review": "Bilan annuel"
        case "review_entry": "Bilan d'une fiche action"
        case "review_event": "Étape du bilan annuel"
        case ReflexSession.auditEntityType: "Séance RÉFLEX-ISS"
        case ReflexRating.auditEntityType: "Note RÉFLEX-ISS"
        case ContractText.auditEntityType: "Texte du contrat"
        case ContractFile.auditEntityType: "Document déposé"
        case ContractVersion.auditEntityType: "Version signée du contrat"
        case Amendment.auditEntityType: "Avenant"
        case ActionPredecessor.auditEntityType: "Action reconduite"
        case FinalEvaluation.auditEntityType: "Évaluation finale"
        case EvaluationQuestion.auditEntityType: "Question évaluative"
        case DiagnosticIndicator.auditEntityType: "Indicateur du diagnostic"
        case "diagnostic_import": "Import d'indicateurs du diagnostic"
        case SharedDiagnosis.auditEntityType: "Diagnostic local partagé"
        case DiagnosisFinding.auditEntityType: "Constat du diagnostic"
        case ContractPriority.auditEntityType: "Priorité"
        default: type
        }
    }

    public static let all: [String] = [
        Contract.auditEntityType, ContractStateChange.auditEntityType, Signatory.auditEntityType,
        Partner.auditEntityType, Organisation.auditEntityType, User.auditEntityType,
        RoleAssignment.auditEntityType, APIToken.auditEntityType, "session", "programme_section", "action",
        "budget_line", "indicator", "indicator_value", "action_note", "action_attachment", "action_link", "regional_theme",
        "contract_perimeter", "territories", "incomes", "shapes", "indicators", "reference_import",
        GovernanceBody.auditEntityType, BodyMember.auditEntityType, Meeting.auditEntityType, MeetingAttendance.auditEntityType,
        Decision.auditEntityType, CoordinatorPost.auditEntityType, PostFunding.auditEntityType, AnnualReview.auditEntityType,
        ReviewEntry.auditEntityType, ReviewEvent.auditEntityType, ReflexSession.auditEntityType, ReflexRating.auditEntityType,
        ContractText.auditEntityType, ContractFile.auditEntityType, ContractVersion.auditEntityType, Amendment.auditEntityType,
        ActionPredecessor.auditEntityType, FinalEvaluation.auditEntityType, EvaluationQuestion.auditEntityType,
        DiagnosticIndicator.auditEntityType, "diagnostic_import", SharedDiagnosis.auditEntityType, DiagnosisFinding.auditEntityType,
        ContractPriority.auditEntityType,
    ]
}
