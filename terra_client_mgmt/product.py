from trytond.model import fields
from trytond.pool import PoolMeta
from trytond.pyson import Eval


class Template(metaclass=PoolMeta):
    __name__ = 'product.template'

    treatment_type = fields.Many2One(
        'terra.treatment.type', "Treatment Type", ondelete='RESTRICT',
        states={
            'invisible': Eval('type') != 'service',
            })
    service_procedure = fields.Many2One(
        'terra.service.procedure', "Standard Procedure", ondelete='RESTRICT',
        domain=['OR',
            ('treatment_type', '=', None),
            ('treatment_type', '=', Eval('treatment_type', -1)),
            ],
        states={
            'invisible': Eval('type') != 'service',
            },
        help="The checklist the technician follows on each visit.")

    # Chemical products applied on visits (PRO 008 5.3.3)
    chemical = fields.Boolean(
        "Chemical Product",
        states={
            'invisible': Eval('type') == 'service',
            },
        help="Check for biocides and other products applied on visits.")
    _chemical_states = {
        'invisible': ~Eval('chemical'),
        'required': Eval('chemical', False),
        }
    registration_number = fields.Char(
        "Registration Number", states=_chemical_states,
        help="The official registration number of the product.")
    active_ingredient = fields.Char(
        "Active Ingredient", states=_chemical_states)
    concentration = fields.Char(
        "Concentration", states=_chemical_states,
        help="The concentration of the active ingredient, e.g. 2.5 %.")
    reentry_period = fields.Char(
        "Safety / Re-entry Period", states={
            'invisible': ~Eval('chemical'),
            },
        help="How long people and animals stay away from treated areas.")
    safety_data_sheet = fields.Binary(
        "Safety Data Sheet", filename='safety_data_sheet_name',
        states={
            'invisible': ~Eval('chemical'),
            })
    safety_data_sheet_name = fields.Char(
        "Safety Data Sheet Name", states={
            'invisible': True,
            })
    del _chemical_states
