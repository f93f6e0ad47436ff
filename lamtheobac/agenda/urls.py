from django.urls import path

from lamtheobac.agenda import views

app_name = "agenda"
urlpatterns = [
    path("", views.agenda_settings, name="settings"),
    path("rieng/<str:token>.ics", views.feed, name="feed"),
]
