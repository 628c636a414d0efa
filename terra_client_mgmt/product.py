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
