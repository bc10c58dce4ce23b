from django.urls import path

from walletdesk.kb.views import portal

app_name = "kb"

urlpatterns = [
    path("", portal.home, name="portal-home"),
    path("help/", portal.home, name="portal-help"),
    path("help/search/", portal.search, name="portal-search"),
    path("help/contact/", portal.contact, name="portal-contact-channels"),
    path("help/topics/<slug:slug>/", portal.topic, name="portal-topic"),
    path("help/articles/<slug:slug>/", portal.article_detail, name="portal-article"),
    path("help/articles/<slug:slug>/vote/", portal.article_vote, name="portal-article-vote"),
]
