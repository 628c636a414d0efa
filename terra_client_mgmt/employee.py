from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval


class Employee(metaclass=PoolMeta):
    __name__ = 'company.employee'

    qualifications = fields.One2Many(
        'terra.employee.qualification', 'employee', "Qualifications",
        help="The treatments the employee may perform and the licences "
        "that allow it.")

    def qualification_error(self, treatment_type, date):
        "Return why the employee may not perform treatment_type on date"
        qualifications = [
            q for q in self.qualifications
            if q.treatment_type == treatment_type]
        if not qualifications:
            return gettext(
                'terra_client_mgmt.msg_technician_not_qualified',
                employee=self.rec_name, treatment=treatment_type.rec_name)
        if not any(q.valid_on(date) for q in qualifications):
            lang = Pool().get('ir.lang').get()
            qualification = max(
                qualifications, key=lambda q: q.licence_expiry)
            return gettext(
                'terra_client_mgmt.msg_technician_licence_expired',
                employee=self.rec_name, treatment=treatment_type.rec_name,
                licence=qualification.licence_number or '',
                expiry=lang.strftime(qualification.licence_expiry),
                date=lang.strftime(date))


class Qualification(ModelSQL, ModelView):
    "A treatment an employee is trained and licensed to perform"
    __name__ = 'terra.employee.qualification'
    __string__ = "Technician Qualification"

    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='CASCADE')
    treatment_type = fields.Many2One(
        'terra.treatment.type', "Treatment Type", required=True,
        ondelete='RESTRICT')
    licence_number = fields.Char(
        "Licence Number",
        help="For example the number of the pesticide applicator licence.")
    licence_expiry = fields.Date(
        "Licence Expiry", states={
            'required': Eval('licence_number', False),
            },
        help="Visits after this date cannot be assigned to the employee "
        "for this treatment.")
    notes = fields.Char("Notes")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('licence_expiry', 'DESC NULLS FIRST'))

    def get_rec_name(self, name):
        return f'{self.employee.rec_name} - {self.treatment_type.rec_name}'

    def valid_on(self, date):
        return not self.licence_expiry or self.licence_expiry >= date
