/// What a new password must satisfy (CNIL recommendation for a password alone: 12 characters
/// or more, mixing kinds of characters).
public enum PasswordRules {
    public static let minimumLength = 12

    public struct Problem: Equatable, Sendable {
        public let field: String
        public let message: String
    }

    public static func problems(_ password: String, confirmation: String) -> [Problem] {
        var problems: [Problem] = []
        if password.count < minimumLength {
            problems.append(.init(field: "newPassword", message: "Le nouveau mot de passe doit compter au moins \(minimumLength) caractères."))
        } else {
            let kinds = [password.contains(where: \.isLowercase), password.contains(where: \.isUppercase),
                         password.contains(where: \.isNumber), password.contains { !$0.isLetter && !$0.isNumber }]
            if kinds.filter({ $0 }).count < 3 {
                problems.append(.init(field: "newPassword", message: "Le nouveau mot de passe doit mêler au moins trois sortes de caractères parmi minuscules, majuscules, chiffres et symboles."))
            }
        }
        if password != confirmation {
            problems.append(.init(field: "confirmation", message: "La confirmation ne correspond pas au nouveau mot de passe."))
        }
        return problems
    }
}
