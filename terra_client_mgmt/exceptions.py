from trytond.exceptions import UserError, UserWarning
from trytond.model.exceptions import AccessError, ValidationError


class LeadValidationError(ValidationError):
    pass


class PremisesValidationError(ValidationError):
    pass


class DuplicateClientError(ValidationError):
    pass


class DuplicateClientWarning(UserWarning):
    pass


class ClientDeleteError(AccessError):
    pass


class QuotationValidationError(ValidationError):
    pass


class ContractValidationError(ValidationError):
    pass


class QuotationDeleteError(AccessError):
    pass


class QuotationReviseError(UserError):
    pass


class RevisionModificationError(AccessError):
    pass


class InterventionPlanningError(ValidationError):
    pass


class InterventionAssignmentError(ValidationError):
    pass


class InterventionDoubleBookingWarning(UserWarning):
    pass


class InterventionRescheduleError(UserError):
    pass


class InterventionFinishError(UserError):
    pass


class InterventionLockedError(AccessError):
    pass


class ProductUsedValidationError(ValidationError):
    pass


class ComplaintValidationError(ValidationError):
    pass


class ComplaintRoutingError(UserError):
    pass
