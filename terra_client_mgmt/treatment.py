from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, fields, sequence_ordered)


class TreatmentType(DeactivableMixin, ModelSQL, ModelView):
    __name__ = 'terra.treatment.type'
    __string__ = "Treatment Type"

    name = fields.Char("Name", required=True, translate=True)
    code = fields.Char("Code")
    requires_products = fields.Boolean(
        "Requires Products",
        help="Check if a visit of this type must record the products "
        "applied.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('name', 'ASC'))

    @classmethod
    def default_requires_products(cls):
        return True


class Procedure(DeactivableMixin, ModelSQL, ModelView):
    "The standard procedure of a service, used as the visit checklist"
    __name__ = 'terra.service.procedure'
    __string__ = "Standard Procedure"

    name = fields.Char("Name", required=True, translate=True)
    code = fields.Char(
        "Code", help="The reference of the procedure in the quality system.")
    treatment_type = fields.Many2One(
        'terra.treatment.type', "Treatment Type", ondelete='RESTRICT')
    items = fields.One2Many(
        'terra.service.procedure.item', 'procedure', "Checklist Items")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('name', 'ASC'))

    def get_rec_name(self, name):
        if self.code:
            return f'[{self.code}] {self.name}'
        return self.name

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, value = clause
        bool_op = 'AND' if operator.startswith('!') else 'OR'
        return [bool_op,
            ('name', operator, value),
            ('code', operator, value),
            ]


class ProcedureItem(sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'terra.service.procedure.item'
    __string__ = "Standard Procedure Step"

    procedure = fields.Many2One(
        'terra.service.procedure', "Procedure", required=True,
        ondelete='CASCADE')
    name = fields.Char("Step", required=True, translate=True)
    mandatory = fields.Boolean(
        "Mandatory", help="Check if the step must be done to finish a visit.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('procedure')

    @classmethod
    def default_mandatory(cls):
        return True
