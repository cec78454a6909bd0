-- title: Metric by city and period
-- description: Headline whole-city figures of one metric from the headline_facts view (periods folded: 1-3月 is 2024Q1; per article: CNY first, label equal to the metric, exact before approximate, earliest mention), in 亿元 for money. stated_yoy_pct is the year-on-year growth the source writes after the figure. Leave metric or city empty for all.
select city, period, metric, kind,
       case when kind = 'amount' then round(value / 1e8, 4) else value end as value_display,
       case when kind = 'amount' then '亿' || coalesce(currency, 'CNY') else unit end as unit,
       approx, stated_yoy_pct, label, text, sentence, article_id, title, published
from (
  select *, row_number() over (
    partition by city, period, metric, article_id
    order by coalesce(currency, 'CNY') != 'CNY', coalesce(label, '') != metric, approx is not null, start
  ) as pick
  from headline_facts
  where (:metric = '' or metric = :metric)
    and (:city = '' or city = :city)
)
where pick = 1
order by metric, city, period
