/// A component's status as stored: one entry per change the sync observed.
package struct OfficialComponentState: Sendable, Equatable {
    package var componentID: String
    package var name: String
    package var status: OfficialComponentStatus
    /// When the page says it last changed the component.
    package var updatedAt: Timestamp?
    /// When Outcry first saw the component in this status.
    package var observedAt: Timestamp

    package init(
        componentID: String, name: String, status: OfficialComponentStatus, updatedAt: Timestamp?, observedAt: Timestamp
    ) {
        self.componentID = componentID
        self.name = name
        self.status = status
        self.updatedAt = updatedAt
        self.observedAt = observedAt
    }
}
