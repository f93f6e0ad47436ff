from django.urls import path

from lamtheobac.search import views

app_name = "search"
urlpatterns = [path("", views.search, name="search")]
