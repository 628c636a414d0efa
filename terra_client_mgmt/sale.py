from trytond.model import ModelView
from trytond.pool import Pool, PoolMeta


class Sale(metaclass=PoolMeta):
    __name__ = 'sale.sale'

    @classmethod
    @ModelView.button
    def process(cls, sales):
        pool = Pool()
        Intervention = pool.get('terra.intervention')
        super().process(sales)
        # A one-off service is a visit too (PRO 008 5.3.1)
        Intervention.plan_sales([
                s for s in sales if s.state in {'processing', 'done'}])
