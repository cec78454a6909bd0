-- title: Leaders by city
-- description: Officials named in each city's articles with their posts and how many articles name them. Leave city empty for all.
select city, name, title, count(distinct article_id) as articles, sum(coalesce(mentions, 1)) as mentions
from leaders
where (:city = '' or city = :city)
group by city, name, title
order by city, articles desc, name
