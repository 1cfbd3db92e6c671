import CLSCore
import CLSStore

/// Why a form was refused: French messages, each tied to the field it is about when there is one
/// (the name of the field in the form), to be shown next to that field and in a summary.
struct FormRefusal: Error {
    struct Message: Equatable {
        let field: String?
        let text: String
    }

    let messages: [Message]

    init(_ messages: [Message]) { self.messages = messages }

    /// The refusal an error stands for, or nil when the error is not about what was typed
    /// (a missing page, a denied permission, a failure of the server).
    init?(_ error: any Error) {
        switch error {
        case let refusal as FormRefusal:
            self = refusal
        case let errors as FormErrors:
            self.init(errors.messages.keys.sorted().map { Message(field: $0, text: errors.messages[$0]!) })
        case WebError.invalid(let text, let field):
            self.init([Message(field: field, text: text)])
        case let notANumber as FrenchNumber.NotANumber:
            self.init([Message(field: nil, text: notANumber.message)])
        case let tooLong as TextTooLong:
            self.init([Message(field: Self.formName(ofColumn: tooLong.field), text: tooLong.message)])
        case let failure as ContractTransitions.Failure:
            self.init([Message(field: nil, text: failure.message)])
        case ProgrammeEditing.Failure.refused(let text, let field):
            self.init([Message(field: field, text: text)])
        case let locked as YearLockedError:
            self.init([Message(field: nil, text: locked.message)])
        case let refusal as Amendments.Refusal:
            self.init([Message(field: refusal.field, text: refusal.message)])
        case let refusal as ContractRenewal.Refusal:
            self.init([Message(field: refusal.field, text: refusal.message)])
        case let refusal as FinalEvaluations.Refusal:
            self.init([Message(field: refusal.field, text: refusal.message)])
        case let refusal as DiagnosisWork.Refusal:
            self.init([Message(field: refusal.field, text: refusal.message)])
        default:
            return nil
        }
    }

    /// Forms name their fields as the models' properties (`personName`), the store as columns
    /// (`person_name`).
    static func formName(ofColumn column: String) -> String {
        let words = column.split(separator: "_")
        guard let first = words.first else { return column }
        return String(first) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
